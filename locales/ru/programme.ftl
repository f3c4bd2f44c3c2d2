## The personalized programme (3.6)

menu-mentoring = 🧭 Моё наставничество
mentoring-list = <b>Моё наставничество</b>
    Выберите пару или группу, чтобы открыть программу.
mentoring-none = Вы пока не участвуете в утверждённой наставнической паре или группе. Когда директор утвердит её приказом, она появится здесь.
mentoring-item-mentor = 🧭 Я наставник · наставляемых: { $count }
mentoring-item-mentee = 🎓 Мой наставник: { $mentor }
mentoring-item-curator = { $mentor } · наставляемых: { $count }
kind-workplace = Знакомство с рабочим местом и коллективом
kind-duties = Должностные обязанности и квалификационные требования
kind-adaptation = Профессиональная и должностная адаптация
kind-study = Изучение теоретических и практических вопросов
kind-assignments = Практические задания
kind-consolidation = Закрепление знаний и навыков
kind-help = Содействие в выполнении обязанностей
kind-other = Другое мероприятие
prog-screen = <b>Персонализированная программа наставничества</b> · { $status }
    Период: { $start } — { $end }
    Цель: { $goal }

    { $items }
    { $notes }
prog-status-draft = черновик
prog-status-submitted = на ознакомлении у наставляемого
prog-status-acknowledged = наставляемый ознакомлен ✅
prog-no-goal = не задана
prog-no-items = Мероприятий пока нет.
prog-item = { $mark } <b>{ $number }.</b> { $title } — до { $due }{ $proposed ->
        [yes] {" "}(предложено наставляемым)
       *[no] {""}
    }
    <i>{ $kind }</i>; результат: { $expected }
prog-due = ⏰ Программу нужно составить до { $due } (не позднее 10 дней после приказа, п. 3.6).
prog-short = ℹ️ Программа короче 3 месяцев: персонализированная программа обычно рассчитана на срок от 3 месяцев до 1 года (п. 1.2).
prog-set-goal = 🎯 Цель
prog-add = ➕ Мероприятие
prog-submit = 📤 Отправить наставляемому
prog-propose = 💬 Предложить мероприятие
prog-ack = ✅ С программой ознакомлен(а)
prog-docx = 📄 Программа (DOCX)
prog-open = 📋 Открыть программу
prog-ask-goal = Напишите цель программы: чего наставляемый должен достичь (например, «Освоить планирование уроков по ФГОС и выстроить дисциплину в 7-х классах»).
prog-not-draft = Программа уже отправлена наставляемому; изменения по обоюдному согласию (п. 7.2) появятся позже.
prog-choose-kind = Какое это мероприятие (п. 3.6)?
prog-activity-title = Мероприятие программы
field-activity = Мероприятие
field-activity-due = Срок
field-activity-result = Ожидаемый результат
prompt-activity = Что нужно сделать? Например: «Посетить 3 урока наставника в 7-х классах».
prompt-activity-due = До какой даты? Например: 15.10.2026.
prompt-activity-result = Какой результат ожидается? Например: «Составлен конспект приёмов удержания дисциплины».
input-outside-period = Дата должна быть в пределах срока наставничества: с { $start } по { $end }.
prog-added-short = Добавлено
prog-added-mentor = ✅ Мероприятие добавлено в программу.
prog-added-mentee = ✅ Ваше предложение добавлено в программу, наставник получил уведомление (п. 5.1).
prog-proposed-to-mentor = 💬 { $name } предлагает мероприятие в программу: «{ $title }».
prog-missing = Чтобы отправить программу, добавьте: { $what }.
prog-missing-goal = цель
prog-missing-items = хотя бы одно мероприятие
prog-submitted-short = Отправлено
prog-to-mentee = 📋 { $mentor } составил(а) вашу персонализированную программу наставничества. Ознакомьтесь с ней и подтвердите; можно предложить свои мероприятия (п. 5.1).
prog-ack-not-now = Подтверждать пока нечего.
prog-ack-short = Спасибо!
prog-acknowledged = ✅ Наставляемые ознакомились с персонализированной программой (п. 3.6).
prog-order = Приказ № { $number } от { $date }
item-mark-planned = ⬜
item-mark-done = 🕓
item-mark-accepted = ✅
item-mark-returned = ↩
prog-progress = Выполнено и проверено наставником: { $done } из { $total }. ⬜ — запланировано, 🕓 — ждёт проверки, ✅ — принято, ↩ — на доработке.
prog-mark-done = ✔ Отметить выполнение
prog-meetings = 🗓 Встречи
prog-nothing-to-mark = Отмечать пока нечего: программа ещё не отправлена или все мероприятия уже отмечены.
prog-choose-done = Какое мероприятие выполнено?
prog-ask-report = Как выполнено «{ $title }»? Напишите комментарий или пришлите файл (документ или фото) с подписью.
prog-report-need = Напишите комментарий или пришлите файл.
prog-reported = ✔ Отмечено. Наставник проверит выполнение (п. 4.1).
prog-done-to-mentor = ✔ { $name } отметил(а) выполнение: «{ $title }».
    Комментарий: { $comment }
prog-accept = ✅ Принять
prog-return-item = ↩ На доработку
prog-get-file = 📎 Открыть файл
prog-already-checked = Это мероприятие уже проверено.
prog-checked-short = Записано
prog-item-accepted = ✅ Наставник принял выполнение: «{ $title }».
prog-item-returned = ↩ Наставник вернул на доработку: «{ $title }». Отметьте выполнение снова, когда будет готово.
meetings = <b>Встречи</b>
    { $lines }

    Чтобы записать встречу, выберите её формат:
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
prog-comment = 💬 <i>{ $text }</i>
prog-comment-button = 💬 Прокомментировать мероприятие
prog-comment-which = К какому мероприятию комментарий?
prog-comment-ask = Напишите комментарий к мероприятию «{ $title }».
prog-commented = 💬 { $name } прокомментировал(а) «{ $title }»: { $text }
