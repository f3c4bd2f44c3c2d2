## The personalized programme (3.6) and the end-of-mentorship reports

menu-mentoring = 🧭 Моё наставничество
mentoring-list = <b>Моё наставничество</b>
    Выберите пару или группу, чтобы открыть программу.
mentoring-none = Вы пока не участвуете в наставнической паре или группе, утверждённой приказом. Когда директор подпишет приказ, она появится здесь.
mentoring-item-mentor = { $running ->
        [yes] 🧭
       *[no] 🏁
    } Я наставник: { $count ->
        [1] { $mentee }
       *[other] группа, { $count } чел.
    }
mentoring-item-mentee = { $running ->
        [yes] 🎓
       *[no] 🏁
    } Мой наставник: { $mentor }
mentoring-item-curator = { $mentor }: наставляемых { $count }

## Kinds of activities (3.6)
kind-workplace = Знакомство с рабочим местом и коллективом
kind-duties = Должностные обязанности и квалификационные требования
kind-adaptation = Профессиональная и должностная адаптация
kind-study = Изучение теоретических и практических вопросов
kind-assignments = Практические задания
kind-consolidation = Закрепление знаний и навыков
kind-help = Содействие в выполнении обязанностей
kind-other = Другое мероприятие

## The programme screen
prog-screen = <b>Программа наставничества для { $count ->
        [1] { NAME($mentee, case: "gen") }
       *[other] группы: { $mentees }
    }</b>
    Наставник: { $mentor }
    Период: { $start } — { $end } · { $status }
    Цель: { $goal }{ $tasks }

    { $items }{ $proposals }
    { $notes }
prog-tasks = {"\u000A"}Задачи: { $tasks }
prog-proposals = {"\u000A\u000A"}<b>Предложения наставляемого (п. 5.1)</b>, ждут решения наставника:
    { $lines }
prog-status-draft = черновик
prog-status-submitted = отправлена, ждёт ознакомления
prog-status-some-acknowledged = ознакомились { $done } из { $total }
prog-status-acknowledged = наставляемый ознакомлен ✅
prog-status-completed = наставничество завершено { $date }
prog-no-goal = не задана
prog-no-items = Мероприятий пока нет.
prog-item = { $mark } <b>{ $number }.</b> { $title } — до { $due }{ $proposed ->
        [yes] {" "}(предложено наставляемым)
       *[no] {""}
    }
    <i>{ $kind }</i>. Результат: { $expected }
prog-comment = 💬 <i>{ $name }: { $text }</i>
prog-proposal-line = • «{ $title }» ({ $name })
prog-due = ⏰ Составить и отправить наставляемому до { $due } (п. 3.6).
prog-overdue = ⚠️ Срок составления программы истёк { $due }: просрочено на { $days } { $days ->
        [one] день
        [few] дня
       *[many] дней
    } (п. 3.6).
prog-sent-late = ⚠️ Программа отправлена с опозданием на { $days } { $days ->
        [one] день
        [few] дня
       *[many] дней
    } (п. 3.6).
prog-short = ℹ️ Срок короче 3 месяцев, а персонализированная программа рассчитана на срок от 3 месяцев до 1 года (п. 1.2).
prog-progress = Выполнено и принято наставником: { $done } из { $total }. ⬜ запланировано, 🕓 ждёт проверки, ✅ принято, ↩ на доработке.
prog-set-goal = 🎯 Цель и задачи
prog-add = ➕ Мероприятие
prog-needs = 📋 Анкета наставляемого
prog-submit = 📤 Отправить наставляемому
prog-propose = 💬 Предложить мероприятие
prog-ack = ✅ С программой ознакомлен(а)
prog-meetings = 🗓 Встречи
prog-docx = 📄 Программа для печати
prog-open = 📋 Открыть программу
prog-order = Приказ № { $number } от { $date }

## The mentee's needs questionnaire, for the mentor writing the programme (3.6)
prog-needs-head = <b>Анкета затруднений: { $name }</b> (заполнена { $date })
    { $answers }
prog-needs-answer = • { $question } — <b>{ $answer }</b>
prog-needs-none = <b>{ $name }</b>: анкету затруднений ещё не заполнил(а).

## The goal and the tasks
prog-goal-title = Цель и задачи программы
field-goal = Цель
field-tasks = Задачи
prompt-goal = Чего наставляемый должен достичь? Например: «Освоить планирование уроков по ФГОС и выстроить дисциплину в 7-х классах».
prompt-tasks = Задачи программы, через точку с запятой. Например: «изучить рабочую программу; посетить уроки наставника; провести открытый урок».

## Activities
prog-choose-kind-mentor = Какое это мероприятие (п. 3.6)?
prog-choose-kind-mentee = Какое мероприятие вы предлагаете (п. 5.1)? Наставник решит, включить ли его в программу.
prog-activity-title = Мероприятие программы
field-activity = Мероприятие
field-activity-due = Срок
field-activity-result = Ожидаемый результат
field-activity-report = Форма отчётности
prompt-activity = Что нужно сделать и в какой форме? Например: «Посетить 3 урока наставника в 7-х классах».
prompt-activity-due = До какой даты? В пределах срока наставничества: с { $start } по { $end }.
prompt-activity-result = Какой результат ожидается? Например: «Составлен конспект приёмов удержания дисциплины».
prompt-activity-report = Как наставляемый отчитается? Например: «конспект», «анализ урока», «открытый урок».
input-outside-period = Дата должна быть в пределах срока наставничества: с { $start } по { $end }.
input-meeting-in-future = Записать можно только прошедшую встречу: дата не позже { $today }.
prog-added-mentor = ✅ Мероприятие «{ $title }» добавлено в программу.
prog-added-mentee = ✅ Предложение «{ $title }» отправлено наставнику (п. 5.1).
prog-edited = ✅ Мероприятие «{ $title }» изменено.
prog-proposed-to-mentor = 💬 { $name } предлагает мероприятие в программу: «{ $title }» (п. 5.1). Включите его в программу или отклоните.
prog-open-proposal = 💬 Открыть предложение
prog-proposal-included = ✅ Наставник { $mentor } включил(а) ваше предложение «{ $title }» в программу.
prog-proposal-declined = Наставник { $mentor } не включил(а) ваше предложение «{ $title }» в программу. Обсудить его можно в комментариях к другим мероприятиям или на встрече.

## The activity's card
act-card = <b>{ $number ->
        [0] Предложение наставляемого
       *[other] Мероприятие { $number }
    }</b> · { $state }
    { $title }
    Направление: { $kind }
    Срок: до { $due }
    Ожидаемый результат: { $expected }
act-report-form = Форма отчётности: { $report_form }
act-proposed-by = Предложено наставляемым: { $name }
act-done-by = Отметка о выполнении ({ $name }): { $comment }
act-done-file = Файл: { $file }
act-comments = <b>Комментарии</b>
act-edit = ✏️ Изменить
act-delete = 🗑 Удалить
act-delete-ask = Удалить мероприятие «{ $title }» из черновика программы?
act-delete-yes = 🗑 Да, удалить
act-deleted = Мероприятие удалено
act-include = ✅ Включить в программу
act-decline = ✖ Отклонить
act-included = Включено в программу
act-declined = Предложение отклонено
act-comment = 💬 Комментарий
act-back = ⬅ К программе
act-file-caption = Отчёт о выполнении: «{ $title }»
open-activity = 📌 Открыть мероприятие
item-state-proposed = ждёт решения наставника
item-state-planned = запланировано
item-state-done = выполнено, ждёт проверки
item-state-accepted = выполнено и принято ✅
item-state-returned = на доработке ↩
item-mark-proposed = 💬
item-mark-planned = ⬜
item-mark-done = 🕓
item-mark-accepted = ✅
item-mark-returned = ↩
item-doc-mark-proposed = предложено
item-doc-mark-planned = {""}
item-doc-mark-done = выполнено, на проверке
item-doc-mark-accepted = выполнено
item-doc-mark-returned = на доработке

## Sending it (3.6) and acknowledging it
prog-submit-ask = Отправить программу { $count ->
        [1] { NAME($mentee, case: "dat") }
       *[other] группе: { $mentees }
    }? В программе { $items } { $items ->
        [one] мероприятие
        [few] мероприятия
       *[many] мероприятий
    }. После отправки изменить её можно только по обоюдному согласию (п. 7.2).
prog-submit-yes = 📤 Да, отправить
prog-submitted-short = Программа отправлена
prog-sent-to-mentee = 📋 Наставник { $mentor } прислал(а) вам персонализированную программу наставничества. Прочитайте её и подтвердите ознакомление (п. 3.6); свои мероприятия можно предложить (п. 5.1).
prog-read = 📋 Прочитать программу
prog-ack-short = Ознакомление подтверждено
prog-acknowledged-one = ✅ { $name } подтвердил(а) ознакомление с программой наставничества.
prog-acknowledged-all = ✅ С программой наставничества ознакомлены все наставляемые: { $mentees } (п. 3.6). Наставник: { $mentor }.

## Doing it (5.2) and checking it (4.1)
prog-mark-done = ✔ Отметить выполнение
prog-ask-report = Как выполнено «{ $title }»? Напишите комментарий или пришлите файл (документ или фото, можно с подписью).
prog-report-need = Напишите комментарий или пришлите файл.
prog-reported = ✔ Отмечено. Наставник { $mentor } проверит выполнение (п. 4.1).
prog-done-to-mentor = ✔ { $name } отметил(а) выполнение: «{ $title }».{ $with_comment ->
        [yes] {"\u000A"}Комментарий: { $comment }
       *[no] {""}
    }{ $with_file ->
        [yes] {"\u000A"}Файл: { $file }
       *[no] {""}
    }
    Проверьте и примите или верните на доработку (п. 4.1).
prog-accept = ✅ Принять
prog-return-item = ↩ На доработку
prog-get-file = 📎 Открыть файл
prog-ask-return = Что нужно доработать в «{ $title }»? Наставляемый увидит ваш комментарий.
prog-checked-accepted = Принято
prog-checked-returned = ↩ Возвращено на доработку.
prog-item-accepted = ✅ Наставник { $mentor } принял(а) выполнение: «{ $title }».
prog-item-returned = ↩ Наставник { $mentor } вернул(а) на доработку «{ $title }»: { $comment }
    Когда доработаете, отметьте выполнение снова.
prog-redo = ✔ Открыть мероприятие

## Comments (5.1)
prog-comment-ask = Напишите комментарий к мероприятию «{ $title }».
prog-commented = 💬 { $name } о мероприятии «{ $title }»: { $text }
prog-answer = 💬 Ответить

## Meetings
meetings = <b>Встречи</b>
    { $lines }{ $ask ->
        [yes] {"\u000A\u000A"}Чтобы записать встречу, выберите её формат:
       *[no] {""}
    }
meetings-none = Встреч пока не записано.
meeting-line = • { $date } · { $format } · { $topic }
meeting-in_person = Очно
meeting-online = Онлайн (видеосвязь)
meeting-phone = По телефону
meeting-chat = В переписке
meeting-title = Встреча
field-meeting-date = Дата
field-meeting-topic = Тема
prompt-meeting-date = Когда была встреча? Например: 15.10.2026.
prompt-meeting-topic = Тема встречи, например: «Разбор урока в 7 «Б»: дисциплина и темп».
meeting-saved = 🗓 Встреча записана.

## Refusals and stale buttons
prog-closed = Наставничество уже завершено: программу можно только прочитать.
prog-item-gone = Этого мероприятия больше нет в программе.
prog-not-draft = Программа уже отправлена наставляемому. Изменить её можно по обоюдному согласию: «🔧 Изменения» → корректировка программы (п. 7.2).
prog-item-not-editable = Изменить или удалить можно только запланированное мероприятие черновика.
prog-proposal-decided = По этому предложению наставник уже решил.
prog-missing = Чтобы отправить программу, { $what ->
        [goal] задайте цель.
        [items] добавьте хотя бы одно мероприятие.
       *[both] задайте цель и добавьте хотя бы одно мероприятие.
    }
prog-ack-not-now = Программа ещё не отправлена: подтверждать пока нечего.
prog-ack-already = Вы уже подтвердили ознакомление с программой.
prog-nothing-to-mark = Программа ещё не отправлена: отмечать выполнение пока рано.
prog-item-already-proposed = Это предложение ещё ждёт решения наставника.
prog-item-already-planned = Это мероприятие ещё не отмечено выполненным.
prog-item-already-done = Уже отмечено: выполнение ждёт проверки наставника.
prog-item-already-accepted = Уже решено: выполнение принято.
prog-item-already-returned = Уже решено: мероприятие возвращено на доработку.
prog-return-need = Напишите, что нужно доработать.
prog-no-file = К этому мероприятию файл не приложен.

## The order's notices (3.4, 3.6)
prog-appointed-mentor = 📌 Приказом № { $number } от { $date } вы назначены наставником { $count ->
        [1] { NAME($mentee, case: "gen") }
       *[other] группы: { $mentees }
    }. Составьте персонализированную программу наставничества и отправьте её до { $due } (п. 3.6).
prog-appointed-mentee = 📌 Приказом № { $number } от { $date } вашим наставником назначен(а) { $mentor }. Программу наставничества наставник составит до { $due } (п. 3.6); вы сможете предложить в неё свои мероприятия (п. 5.1).
prog-write = ✏️ Составить программу

## The reports (3.6)
report-write = 📝 Составить отчёт
report-open = 📄 Отчёты для печати
report-none = Отчётов пока нет.
report-line = 📝 { $role ->
        [mentor] Отчёт наставника
       *[mentee] Отчёт наставляемого
    } ({ $name }): { $state ->
        [waiting] ожидается до { $due }
        [late] сдан { $on }, с опозданием (срок { $due })
       *[in] сдан { $on }
    }
report-in-mentor = 📝 { $name } сдал(а) отчёт наставника о выполнении программы{ $late ->
        [yes] {" "}с опозданием (срок был { $due })
       *[no] {""}
    }.
report-in-mentee = 📝 { $name } сдал(а) отчёт о прохождении наставничества{ $late ->
        [yes] {" "}с опозданием (срок был { $due })
       *[no] {""}
    }.
report-sent = ✅ Отчёт отправлен куратору.
report-title-mentor = Отчёт наставника о выполнении персонализированной программы наставничества
report-title-mentee = Отчёт наставляемого о прохождении наставничества
report-doc-mentor = Наставник
report-doc-mentees = { $count ->
        [1] Наставляемый
       *[other] Наставляемые
    }
report-doc-period = Срок наставничества
report-doc-completed = Наставничество завершено { $date }
