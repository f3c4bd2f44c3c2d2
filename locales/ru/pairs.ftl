## Pairs and groups: the curator's list and card, proposals, the participants' answer, the orders

menu-pairs = 🤝 Пары и группы
menu-approvals = 🖋 На утверждение
open-approvals = 🖋 На утверждение
form-traditional = Традиционная («один на один»)
form-teacher_teacher = «Учитель — учитель»
form-group = Наставничество в группе
form-virtual = Виртуальная (дистанционная)
form-short_term = Краткосрочная (целеполагающая)
form-reverse = Реверсивная
form-situational = Ситуационная
form-speed = Скоростная
form-director_teacher = «Руководитель ОО — педагог»
form-employer_student = «Работодатель — студент»
role-title-director = Директор
role-title-department = Управление образования

## The list
pair-list = <b>Пары и группы</b> · { $filter }
    { $empty ->
        [yes] Здесь пока пусто.
       *[no] Откройте пару или группу: участники, согласия и что можно сделать сейчас.
    }
pair-filter-all = Все
pair-filter-agreeing = На согласовании
pair-filter-ordering = На утверждении
pair-filter-returned = Возвращены
pair-filter-running = Действуют
pair-filter-completed = Завершены
pair-filter-closed = Отменены
pair-list-item = { $status } { $mentor } → { $mentees }
pair-icon-proposed = 📨
pair-icon-confirmed = ✍
pair-icon-returned = ↩
pair-icon-declined = ✖
pair-icon-cancelled = ⊘
pair-icon-approved = ✅
pair-icon-completed = 🏁
pair-new = ➕ Подобрать наставника
pair-back = ⬅ К парам и группам
pair-not-found = Пара или группа не найдена.
pair-stale = Эта кнопка устарела: откройте экран заново.

## A proposal
pair-choose = Отметьте наставляемого (или нескольких — для группы) и нажмите «Далее». Рядом — срок назначения наставника (п. 3.7).
pair-nobody-waiting = Сейчас никто не ждёт наставника. Наставляемые появляются здесь после анкеты и согласий.
pair-mentee-line = { $name }{ $due ->
        [none] {""}
       *[other] {" "}(до { $due })
    }{ $busy ->
        [yes] {" "}— наставник уже предложен
       *[no] {""}
    }
pair-next = ➡ Далее (выбрано: { $count })
pair-not-waiting = Этот человек уже не ждёт наставника.
pair-mentee-has-proposal = Этому наставляемому наставник уже предложен: откройте его пару в списке.
pair-no-mentors = Нет утверждённых наставников, у которых есть свободные места для { $count ->
        [one] одного наставляемого
       *[other] { $count } наставляемых
    } (не более { $max } одновременно, п. 3.7). Утвердите кандидатов в банке наставников — для этого нужны их согласия (п. 3.2).
pair-suggestions = <b>Кого предложить наставником</b> (наставляемых: { $count })

    { $lines }

    Выберите наставника.
pair-suggestion = <b>{ $number }. { $name }</b> — { $score } { $score ->
        [one] балл
        [few] балла
       *[many] баллов
    }
    { $reasons }{ $warnings }
reason-match-needs = закрывает { $count } из { $total } направлений затруднений
reason-match-subject = тот же предмет
reason-match-forms = подходящих форм: { $count }
reason-match-trained = прошёл(а) обучение наставников
reason-match-free = свободно мест: { $free } из { $capacity }
reason-match-preferred = наставляемый сам назвал этого коллегу
warn-not-connected = ⚠ ещё не подключился(ась) к боту: предложение придёт, когда подключится
warn-no-consent = ⚠ нет письменного согласия наставника (п. 3.2): его попросят дать согласие
warn-no-survey = ⚠ не заполнил(а) анкету наставника
pair-choose-form = Выберите форму наставничества (п. 2.3 Положения):
pair-choose-months = На какой срок? Наставничество длится от одного месяца до одного года (п. 3.7).
pair-months = { $months } мес.
pair-confirm = <b>Проверьте предложение</b>
    Наставник: { $mentor }
    Наставляемые: { $mentees }
    Форма: { $form }
    Срок: { $months } мес.

    Наставник и наставляемые подтвердят участие и дадут письменное согласие в боте (п. 3.2, 3.7, 6.1), затем { $approver ->
        [department] управление образования (п. 3.3)
       *[director] директор
    } утвердит пару приказом.
pair-send = 📨 Отправить на согласование
pair-sent-short = Отправлено
pair-sent = 📨 Предложение отправлено участникам.{ $waiting ->
        [yes] {" "}Ещё не подключились к боту: { $names } — предложение придёт, когда подключатся.
       *[no] {""}
    }
pair-problem-capacity = Нельзя: у наставника будет больше { $max } наставляемых одновременно (п. 3.7).
pair-problem-mentee-busy = Нельзя: у кого-то из наставляемых уже есть пара или группа на согласовании или действующая.
pair-problem-duration = Срок наставничества — от 1 до 12 месяцев (п. 3.7).
pair-problem-group-too-small = В группе должно быть не меньше двух наставляемых (п. 2.3).
pair-problem-no-mentees = Выберите хотя бы одного наставляемого.
pair-problem-mentor-is-mentee = Наставник не может быть своим наставляемым.
pair-problem-not-in-school = Нельзя: кого-то из участников нет среди сотрудников школы.

## The card
pair-card = <b>{ $kind ->
        [group] Наставническая группа
       *[pair] Наставническая пара
    }</b> · { $status }
    { $lines }
pair-card-mentor = Наставник: { $name } — { $agreed ->
        [yes] согласие на участие ✅
       *[no] ждём подтверждения ⏳
    }, письменное согласие { $consents ->
        [yes] ✅
       *[no] ⏳
    }{ $connected ->
        [yes] {""}
       *[no] , ещё не подключился(ась) к боту
    }
pair-card-mentee = Наставляемый: { $name } — { $agreed ->
        [yes] согласие на участие ✅
       *[no] ждём подтверждения ⏳
    }, письменное согласие { $consents ->
        [yes] ✅
       *[no] ⏳
    }{ $connected ->
        [yes] {""}
       *[no] , ещё не подключился(ась) к боту
    }
pair-card-terms = Форма: { $form } · срок: { $months } мес.
pair-card-proposed-by = Предложил(а) куратор: { $name }
pair-order = Приказ № { $number } от { $date }; период { $start } — { $end }
pair-comment = ↩ { $name } вернул(а) на доработку: «{ $comment }»
pair-card-replacing = 🔁 Замена наставника на { NAME($name, case: "acc") } ({ $reason }): { $state ->
        [agreed] ждёт приказа
       *[pending] ждём согласия нового наставника
    }
pair-card-completing = 🏁 Завершение ({ $reason }) ждёт приказа
pair-card-extending = ⏳ Предложено продление до { $months } мес.: ждём согласия участников
pair-card-correcting = ✏ Предложена корректировка программы: ждём согласия участников
pair-status-proposed = на согласовании у участников
pair-status-confirmed = на утверждении
pair-status-returned = возвращено на доработку
pair-status-declined = участник отказался
pair-status-cancelled = отменено куратором
pair-status-approved = утверждено приказом
pair-status-completed = наставничество завершено
pair-order-docx = 📄 Приказ для печати

## Before the order: change, withdraw; after a return: send again or cancel
pair-edit = ✏ Изменить форму или срок
pair-edit-returned = ✏ Исправить форму или срок
pair-resubmit = 📨 Отправить на утверждение снова
pair-withdraw = ✖ Отозвать предложение
pair-cancel = ✖ Отменить пару
pair-edit-form = Изменение предложения «{ $pair }». Выберите форму наставничества (п. 2.3); участников спросят о согласии заново.
pair-edit-months = Форма: { $form }. На какой срок (от одного месяца до одного года, п. 3.7)?
pair-revised = ✏ Предложение изменено и снова отправлено участникам.{ $waiting ->
        [yes] {" "}Ещё не подключились к боту: { $names } — предложение придёт, когда подключатся.
       *[no] {""}
    }
pair-resubmitted = 📨 Пара снова отправлена на утверждение приказом.
pair-withdraw-confirm = { $returned ->
        [yes] Отменить пару «{ $pair }»?
       *[no] Отозвать предложение «{ $pair }»?
    } Участники получат уведомление; вернуть его будет нельзя.
pair-withdraw-yes = ✖ Да, отозвать
pair-withdrawn-short = Отозвано
pair-withdrawn-curator = ✖ Предложение отозвано, участники уведомлены.
pair-withdrawn = ✖ Куратор { $curator } отозвал(а) предложение: { $pair }. Ничего делать не нужно.

## The history
pair-history = 📜 История
pair-history-title = <b>История</b> · { $pair }
    { $lines }
pair-event = { $when } · { $who } · { $what }{ $change }
pair-event-change = {" "}({ $before } → { $after })
pair-event-nobody = по согласию участников
pair-state-proposed = предложено
pair-state-confirmed = согласовано
pair-state-returned = возвращено
pair-state-declined = отклонено
pair-state-cancelled = отменено
pair-state-approved = утверждено
pair-state-completed = завершено
pair-action-proposed = предложено куратором
pair-action-confirmed_by = подтвердил(а) участие
pair-action-all_confirmed = все участники согласны
pair-action-declined = отказ от участия
pair-action-revised = предложение изменено куратором
pair-action-resubmitted = снова отправлено на утверждение
pair-action-withdrawn = предложение отозвано куратором
pair-action-cancelled = пара отменена куратором
pair-action-returned = возвращено с комментарием
pair-action-approved_by_order = утверждено приказом
pair-action-completion_requested = завершение отправлено на утверждение
pair-action-completion_returned = завершение возвращено с комментарием
pair-action-completed = наставничество завершено
pair-action-item_added_by_mentor = наставник добавил мероприятие
pair-action-item_added_by_mentee = наставляемый предложил мероприятие
pair-action-programme_goal_set = наставник записал цель и задачи программы
pair-action-item_edited = наставник изменил мероприятие программы
pair-action-item_deleted = наставник удалил мероприятие из программы
pair-action-proposal_included = предложение наставляемого включено в программу (п. 5.1)
pair-action-proposal_declined = предложение наставляемого не включено в программу
pair-action-programme_submitted = программа отправлена наставляемым
pair-action-programme_from_practice = мероприятия скопированы из банка лучших практик
pair-action-programme_acknowledged = наставляемый ознакомился с программой
pair-action-item_done = наставляемый отметил выполнение
pair-action-item_accepted = наставник принял выполнение
pair-action-item_returned = наставник вернул на доработку
pair-action-item_commented = комментарий к мероприятию
pair-action-meeting_logged = записана встреча
pair-action-extend_requested = предложено продление
pair-action-extend_agreed = согласие на продление
pair-action-extend_declined = отказ от продления
pair-action-extended = срок продлён (п. 7.2)
pair-action-correct_requested = предложена корректировка программы
pair-action-correct_agreed = согласие на корректировку
pair-action-correct_declined = отказ от корректировки
pair-action-programme_reopened = программа возвращена на корректировку (п. 7.2)
pair-action-replacement_petition_mentee = ходатайство наставляемого о замене наставника (п. 5.1)
pair-action-replacement_petition_mentor = просьба наставника об освобождении (п. 4.1)
pair-action-completion_petition_mentee = наставляемый предложил завершить досрочно (п. 7.1)
pair-action-completion_petition_mentor = наставник предложил завершить досрочно (п. 7.1)
pair-action-replace_requested = предложена замена наставника
pair-action-replace_agreed = новый наставник согласен
pair-action-replace_declined = новый наставник отказался
pair-action-replace_returned = замена возвращена с комментарием
pair-action-replace_cancelled = замена отозвана куратором
pair-action-mentor_replaced = наставник заменён приказом (п. 3.8)
pair-action-replaced-detail = { $what } № { $number }: { $old } → { $new }
pair-action-order-detail = { $what } № { $number }
pair-action-completed-by-order = наставничество завершено приказом № { $number }
pair-action-comment-detail = { $what }: «{ $comment }»

## The participants' answer (6.1; 3.2, 3.7)
pair-invite-mentor = { $again ->
        [yes] ✏ Куратор { $curator } изменил(а) предложение:
       *[no] 🤝 Куратор { $curator } предлагает вам
    } стать наставником. { $count ->
        [one] Наставляемый
       *[other] Наставляемые
    }: { $mentees }. Форма: { $form }, срок: { $months } мес.
    Подтвердите участие — до утверждения приказом нужно ваше письменное согласие (п. 3.2, 3.7).
pair-invite-mentee = { $again ->
        [yes] ✏ Куратор { $curator } изменил(а) предложение:
       *[no] 🤝 Куратор { $curator } предлагает вам наставника —
    } { $mentor }. Форма: { $form }, срок: { $months } мес.
    Подтвердите участие — до утверждения приказом нужно ваше письменное согласие (п. 3.7).
pair-agree = ✅ Согласен(на) участвовать
pair-decline = ✖ Отказаться
pair-decline-confirm = Отказаться от участия: { $pair }? Предложение будет закрыто, куратор получит уведомление.
pair-decline-yes = ✖ Да, отказаться
pair-declined-short = Отказ записан
pair-declined = Отказ записан. Куратор подберёт другой вариант.
pair-declined-curator = ✖ { $name } отказался(ась) от участия: { $pair }. Подберите другой вариант.
pair-closed = ✖ Предложение закрыто: { $name } отказался(ась) от участия ({ $pair }).
pair-consent-first = Сначала дайте письменное согласие — оно пришло сообщением ниже. Под подтверждением согласия будет кнопка «✅ Согласен(на) участвовать».
pair-not-open = Это предложение уже не ждёт вашего ответа: { $status ->
        [proposed] вы уже подтвердили участие
        [confirmed] все согласны, пара на утверждении
        [approved] пара утверждена приказом
        [completed] наставничество завершено
        [declined] кто-то из участников отказался
        [cancelled] куратор отозвал предложение
        [returned] пара возвращена куратору на доработку
       *[other] решение уже принято
    }.
pair-agreed-short = Подтверждено
pair-agreed = ✅ Вы подтвердили участие.{ $everybody ->
        [yes] {" "}Все участники согласны — пара отправлена на утверждение приказом.
       *[no] {""}
    }
pair-all-agreed = ✍ Все участники согласны: { $pair } — отправлено на утверждение приказом.

## The order (3.4, 6.2; 3.3) or the return
approvals-title = <b>На утверждение</b>
    { $count ->
        [0] Сейчас ничего не ждёт вашего приказа.
       *[other] Ждут приказа: { $count }. Откройте, чтобы утвердить приказом или вернуть куратору с комментарием.
    }
approvals-item = { $kind ->
        [replace] 🔁 Замена: { $pair } (новый — { $new })
        [complete] 🏁 Завершение: { $pair }
       *[pair] 🤝 { $pair }
    }
approvals-card-pair = <b>Пара/группа на утверждение приказом</b> (п. 3.4, 6.2)
approvals-card-replace = <b>Замена наставника на утверждение приказом</b> (п. 3.8)
    Было: { $old }
    Станет: { $new }
    Причина: { $reason }
approvals-card-complete = <b>Завершение наставничества на утверждение приказом</b> (п. 7.1)
    Основание: { $reason }{ $has_comment ->
        [yes] {"\u000A"}Комментарий: { $comment }
       *[no] {""}
    }
pair-for-approval = <b>На утверждение приказом</b> (п. 3.4, 6.2)
    Наставник: { $mentor }
    { $count ->
        [one] Наставляемый
       *[other] Наставляемые
    }: { $mentees }
    Форма: { $form }, срок: { $months } мес.
    Все участники подтвердили участие и дали письменные согласия.
pair-approve = ✅ Утвердить приказом
pair-return = ↩ Вернуть с комментарием
pair-only-director = Утверждает директор (п. 3.4).
pair-only-department = В форме «руководитель — педагог» наставника назначает управление образования (п. 3.3).
pair-decided = Уже решено: { $status ->
        [approved] утверждено приказом № { $number } от { $date }
        [completed] наставничество завершено
        [returned] возвращено куратору на доработку
        [declined] участник отказался
        [cancelled] куратор отозвал предложение
        [proposed] ещё не все участники согласились
       *[other] решение принято
    }.
order-form-title = Утверждение приказом
order-number-label = Номер приказа
order-date-label = Дата приказа
return-form-title = Возврат на доработку
return-comment-label = Комментарий
pair-ask-number = Номер приказа, например: 45-В
pair-ask-date = Дата приказа: нажмите «Сегодня» или напишите дату, например 01.10.2026.
pair-lacking-consents = Нельзя утвердить: нет письменного согласия (п. 3.2, 3.7) — { $names }. Когда согласие будет дано, утвердите снова.
pair-approved = ✅ Утверждено приказом № { $number } от { $date }.
pair-order-caption = Приказ с приложением: распечатайте, подпишите и ознакомьте участников под подпись.
pair-approved-mentor = ✅ Вы назначены наставником приказом № { $number } от { $date }. { $count ->
        [one] Наставляемый
       *[other] Наставляемые
    }: { $mentees }; наставничество — до { $end }. Составьте персонализированную программу наставничества до { $due } (п. 3.6).
pair-approved-mentee = ✅ Вам назначен наставник приказом № { $number } от { $date }: { $mentor }. Наставничество — до { $end }. Наставник составит персонализированную программу до { $due }; вы сможете предложить свои пункты (п. 5.1).
pair-approved-curator = ✅ { $approver } утвердил(а) приказом № { $number } от { $date }: { $pair }. Приказ — файлом ниже.
pair-ask-comment = Напишите, что нужно исправить (комментарий получит куратор).
pair-returned = ↩ Возвращено { $count ->
        [one] куратору { NAME($names, case: "dat") }
       *[other] кураторам: { $names }
    } с комментарием.
pair-returned-curator = ↩ { $approver } вернул(а) на доработку: { $pair }.
    Комментарий: { $comment }
    Откройте пару: исправьте и отправьте снова или отмените.

## Completion (7.1) and the reports (3.6)
pair-not-active = Это наставничество сейчас не действует.
pair-complete = 🏁 Завершить наставничество
pair-complete-why = Почему завершается наставничество «{ $pair }» (п. 7.1)? Завершение утверждается приказом.
completion-fulfilled = План мероприятий выполнен
pair-complete-fulfilled-check = Завершить наставничество «{ $pair }» в связи с выполнением плана мероприятий (п. 7.1)?
    В программе выполнено и принято наставником: { $done } из { $total }.{ $complete ->
        [yes] {""}
       *[no] {" "}⚠ Выполнено не всё: если план не выполнен в полном объёме, вернитесь и выберите другую причину.
    }
    После приказа участники получат просьбу сдать отчёты (п. 3.6).
pair-complete-send = 🏁 Да, отправить на приказ
completion-mentor = По инициативе наставника
completion-mentee = По инициативе наставляемого
completion-both = По обоюдному решению
completion-curator = По инициативе куратора
pair-complete-comment = Укажите уважительную причину (п. 7.1) — её увидят директор и участники.
completion-form-title = Досрочное завершение (п. 7.1)
completion-comment-label = Причина
pair-completion-open = Завершение этого наставничества уже ждёт приказа.
pair-completion-sent = 🏁 Завершение отправлено на утверждение приказом{ $count ->
        [0] {""}
       *[other] : { $names }
    }.
pair-completion-for-approval = <b>Завершение наставничества на утверждение приказом</b> (п. 7.1)
    Наставник: { $mentor }
    { $count ->
        [one] Наставляемый
       *[other] Наставляемые
    }: { $mentees }
    Основание: { $reason }{ $has_comment ->
        [yes] {"\u000A"}Комментарий: { $comment }
       *[no] {""}
    }
    Представил(а) куратор { $curator }.
pair-completion-caption = Приказ о завершении персонализированной программы наставничества.
pair-completed = 🏁 Завершено { $date }: { $reason }
pair-completed-comment = Комментарий: { $comment }
pair-completed-curator = 🏁 Наставничество завершено приказом № { $number } от { $date }: { $pair }. Участники получили просьбу сдать отчёты до { $due } (п. 3.6). Приказ — файлом ниже.
pair-report-line = Отчёт — { $name }: { $state ->
        [sent] сдан { $submitted }
       *[waiting] ожидается до { $due }
    }
pair-report-ask-mentor = 🏁 Наставничество завершено приказом № { $number } от { $date } ({ $count ->
        [one] наставляемый
       *[other] наставляемые
    }: { $mentees }). В течение { $days } { $days ->
        [one] дня
       *[other] дней
    }, до { $due }, составьте отчёт о выполнении программы с рекомендациями по дальнейшему развитию наставляемого (п. 3.6).
pair-report-ask-mentee = 🏁 Наставничество завершено приказом № { $number } от { $date } (наставник — { $mentor }). В течение { $days } { $days ->
        [one] дня
       *[other] дней
    }, до { $due }, составьте отчёт о прохождении наставничества и оцените работу наставника (п. 3.6).
pair-report-fill = 📝 Составить отчёт
pair-reports-docx = 📄 Отчёты для печати
pair-no-reports = Отчётов пока нет.
pair-report-subtitle = Наставник: { $mentor }; приказ № { $number } от { $date }

## Whole-pool matching
pool-open = 🧩 Подобрать всем ожидающим
pool-empty = { $mentees ->
        [0] Подбирать некого: все наставляемые из банка уже получили предложение или работают с наставником.
       *[other] Подбирать не из кого: в банке наставников нет утверждённых наставников со свободными местами (не более { $max } наставляемых одновременно, п. 3.7). Утвердите кандидатов в банке наставников — для этого нужны их согласия (п. 3.2).
    }
pool-plan = <b>Подбор для всех ожидающих</b>
    Наставник — каждому, насколько хватает свободных мест (не больше { $max } наставляемых у одного наставника, п. 3.7), с наибольшим общим совпадением.
    Пар: { $count }, к отправке: { $kept }, сумма баллов: { $total }.

    { $lines }{ $left ->
        [0] {""}
       *[other] {"\u000A\u000A"}⚠ Без наставника остаются (не хватает свободных мест у утверждённых наставников): { $left_names }. Утвердите ещё наставников в банке.
    }

    Уберите лишние пары или замените наставника, затем отправьте.
pool-line = { $number }. { $kept ->
        [yes] ✅
       *[no] ✖ убрано:
    } <b>{ $mentee }</b> ← { $mentor } — { $score } { $score ->
        [one] балл
        [few] балла
       *[many] баллов
    }
    { $reasons }{ $warnings }
pool-change = ✏ { $number }. { $name }
pool-drop = ✖ Убрать
pool-keep = ↩ Вернуть
pool-send = 📨 Отправить предложения ({ $count })
pool-alternatives = <b>Другой наставник</b>
    { $empty ->
        [yes] Других наставников со свободным местом нет.
       *[no] { $lines }
    }
pool-choose-form = Форма наставничества для всех отправляемых пар (п. 2.3):
pool-sent = 📨 Отправлено предложений: { $count }.{ $any_refused ->
        [yes] {" "}Не отправлены (пока вы смотрели, что-то изменилось):
            { $refused }
       *[no] {""}
    }
pool-refused-line = • { $name }: { $why }

## The orders (documents)
order-authority = Управление образования администрации { $city }
order-word = ПРИКАЗ
order-verb = ПРИКАЗЫВАЮ:
order-acknowledged = С приказом ознакомлены:
order-annex = Приложение к приказу № { $number } от { $date }
order-col-number = №
order-col-mentor = Наставник
order-col-mentees = { $group ->
        [yes] Наставляемые
       *[no] Наставляемый
    }
order-col-form = Форма
order-col-period = Период
order-col-old-mentor = Прежний наставник
order-col-new-mentor = Новый наставник
order-col-reason = Причина замены
order-control = Контроль исполнения настоящего приказа оставляю за собой.
order-curator = Куратору реализации программ наставничества { $curator } обеспечить сопровождение и мониторинг реализации программ.
order-pair-title = { $group ->
        [yes] О закреплении наставнической группы
       *[no] О закреплении наставнической пары
    }
order-pair-preamble = В соответствии с Положением о системе наставничества педагогических работников в { $school }, на основании письменного согласия наставника и { $group ->
        [yes] наставляемых
       *[no] наставляемого
    } (п. 3.2, 3.7 Положения),
order-pair-fix = Закрепить { $group ->
        [yes] наставническую группу
       *[no] наставническую пару
    } на период согласно приложению к настоящему приказу.
order-pair-programme = Наставнику составить персонализированную программу наставничества не позднее { $due } (п. 3.6 Положения).
order-annex-title = { $group ->
        [yes] Наставническая группа
       *[no] Наставническая пара
    }
order-replacement-title = О замене наставника
order-replace-preamble = В соответствии с п. 3.8 Положения о системе наставничества педагогических работников в { $school }, в связи с { $reason }, на основании письменного согласия нового наставника (п. 3.2, 3.7 Положения),
order-reason-contract_ended = прекращением трудового договора с наставником
order-reason-transfer = переводом наставника или наставляемого на иную должность или в другое структурное подразделение
order-reason-request = просьбой наставника или наставляемого
order-reason-non_performance = неисполнением наставником функций наставничества
order-reason-other = иными обстоятельствами, препятствующими осуществлению наставничества
order-replace-release = Освободить { $old } от обязанностей наставника в наставнической { $group ->
        [yes] группе
       *[no] паре
    }, закреплённой приказом № { $number } от { $date }.
order-replace-appoint = Назначить { $new } наставником вместо { $old } с { $start } до { $end }; { $count ->
        [one] наставляемый
       *[other] наставляемые
    }: { $mentees }.
order-replace-programme = Наставнику { $new } ознакомиться с персонализированной программой наставничества и продолжить её реализацию.
order-replace-annex-title = Замена наставника
order-complete-title = О завершении персонализированной программы наставничества
order-complete-preamble = В соответствии с п. 7.1 Положения о системе наставничества педагогических работников в { $school },
order-complete-end = Завершить с { $date } реализацию персонализированной программы наставничества в наставнической { $group ->
        [yes] группе
       *[no] паре
    }, закреплённой приказом № { $number } от { $pair_date }, согласно приложению.
order-complete-reason = Основание: { $reason }.
order-complete-reason-comment = Основание: { $reason } ({ $comment }).
order-completion-fulfilled = завершение плана мероприятий персонализированной программы наставничества в полном объёме
order-completion-mentor = инициатива наставника по уважительным обстоятельствам
order-completion-mentee = инициатива наставляемого по уважительным обстоятельствам
order-completion-both = обоюдное решение наставника и наставляемого по уважительным обстоятельствам
order-completion-curator = инициатива куратора в связи с недолжным исполнением персонализированной программы наставничества
order-complete-reports = Наставнику и { $group ->
        [yes] наставляемым
       *[no] наставляемому
    } представить куратору отчёты по итогам наставничества не позднее { $due } (п. 3.6 Положения).
order-curator-results = Куратору реализации программ наставничества { $curator } учесть итоги в мониторинге и аналитическом отчёте.
order-complete-annex-title = { $group ->
        [yes] Наставническая группа
       *[no] Наставническая пара
    }
