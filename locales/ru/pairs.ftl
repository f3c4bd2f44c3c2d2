## Pairs and groups, the director's order

menu-pairs = 🤝 Пары и группы
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
order-authority = Управление образования администрации { $city }

pair-list = <b>Пары и группы</b>
    Подберите наставника для наставляемых из банка; пара уходит на согласование участникам, затем на утверждение приказом (п. 6.2).
pair-list-item = { $status } { $mentor } · наставляемых: { $count }
pair-icon-proposed = 📨
pair-icon-confirmed = ✍
pair-icon-returned = ↩
pair-icon-declined = ✖
pair-icon-approved = ✅
pair-new = ➕ Подобрать наставника
pair-back = ⬅ К парам и группам
pair-not-found = Пара или группа не найдена.
pair-choose = Отметьте наставляемого (или нескольких — для группы) и нажмите «Далее». Рядом — срок назначения наставника (п. 3.7).
pair-nobody-waiting = Сейчас никто не ждёт наставника. Наставляемые появляются здесь после анкеты и согласий.
pair-mentee-line = { $name } (до { $due })
pair-next = ➡ Далее (выбрано: { $count })
pair-not-waiting = Этот человек уже не ждёт наставника.
pair-no-mentors = Нет утверждённых наставников, у которых есть { $count } свободных мест (не более трёх наставляемых, п. 3.7). Утвердите наставников в банке.
pair-suggestions = <b>Кого предложить наставником</b> (наставляемых: { $count })

    { $lines }

    Выберите наставника.
pair-suggestion = <b>{ $number }. { $name }</b> — { $score } баллов
    { $reasons }
reason-match-needs = закрывает { $count } из { $total } направлений затруднений
reason-match-subject = тот же предмет
reason-match-forms = подходящих форм: { $count }
reason-match-trained = прошёл(а) обучение наставников
reason-match-free = свободно мест: { $free } из { $capacity }
reason-match-preferred = наставляемый сам назвал этого коллегу
pair-choose-form = Выберите форму наставничества (п. 2.3 Положения):
pair-choose-months = На какой срок? Наставничество длится от одного месяца до одного года (п. 3.7).
pair-months = { $months } мес.
pair-confirm = <b>Проверьте предложение</b>
    Наставник: { $mentor }
    Наставляемые: { $mentees }
    Форма: { $form }
    Срок: { $months } мес.

    Наставник и наставляемые подтвердят участие и дадут письменное согласие в боте (п. 3.2, 3.7, 6.1), затем { $approver } утвердит пару приказом.
pair-approver-director = директор
pair-approver-department = управление образования (п. 3.3)
pair-send = 📨 Отправить на согласование
pair-sent-short = Отправлено
pair-sent = 📨 Предложение отправлено участникам.
pair-problem-capacity = Нельзя: у наставника будет больше { $max } наставляемых одновременно (п. 3.7).
pair-problem-mentee-busy = Нельзя: у кого-то из наставляемых уже есть пара или группа на согласовании или действующая.
pair-problem-duration = Срок наставничества — от 1 до 12 месяцев (п. 3.7).
pair-problem-group-too-small = В группе должно быть не меньше двух наставляемых (п. 2.3).
pair-problem-no-mentees = Выберите хотя бы одного наставляемого.
pair-problem-mentor-is-mentee = Наставник не может быть своим наставляемым.
pair-card = <b>Наставническая пара/группа</b> · { $status }
    Наставник: { $mentor } — { $mentor_agreed ->
        [yes] согласие на участие ✅
       *[no] ждём подтверждения ⏳
    }, письменное согласие { $mentor_consents ->
        [yes] ✅
       *[no] ⏳
    }
    { $members }
    Форма: { $form } · срок: { $months } мес.
    { $order }{ $comment }
pair-member = Наставляемый: { $name } — { $agreed ->
        [yes] согласие на участие ✅
       *[no] ждём подтверждения ⏳
    }, письменное согласие { $consents ->
        [yes] ✅
       *[no] ⏳
    }
pair-order = Приказ № { $number } от { $date }; период { $start } — { $end }
pair-comment = Возвращено с комментарием: { $comment }
pair-status-proposed = на согласовании у участников
pair-status-confirmed = на утверждении
pair-status-returned = возвращено на доработку
pair-status-declined = участник отказался
pair-status-approved = утверждено приказом
pair-history = 📜 История
pair-history-title = <b>История</b>
pair-event = { $when } · { $who } · { $what } ({ $change })
pair-action-proposed = предложено куратором
pair-action-confirmed_by = подтвердил(а) участие
pair-action-all_confirmed = все участники согласны
pair-action-declined = отказ от участия
pair-action-returned = возвращено с комментарием
pair-action-approved_by_order = утверждено приказом
pair-order-docx = 📄 Приказ (DOCX)
pair-invite-mentor = 🤝 Куратор предлагает вам стать наставником. Подтвердите участие — до утверждения приказом нужно ваше письменное согласие (п. 3.2, 3.7).
pair-invite-mentee = 🤝 Куратор предлагает вам наставника. Подтвердите участие — до утверждения приказом нужно ваше письменное согласие (п. 3.7).
pair-agree = ✅ Согласен(на) участвовать
pair-decline = ✖ Отказаться
pair-decline-confirm = Отказаться от участия? Предложение будет закрыто, куратор получит уведомление.
pair-decline-yes = ✖ Да, отказаться
pair-declined-short = Отказ записан
pair-declined = Отказ записан. Куратор подберёт другой вариант.
pair-declined-curator = ✖ { $name } отказался(ась) от участия в предложенной паре/группе.
pair-consent-first = Сначала дайте письменное согласие — оно пришло сообщением ниже. Потом нажмите «Согласен(на)» ещё раз.
pair-not-open = Это предложение уже не на согласовании.
pair-agreed-short = Подтверждено
pair-agreed = ✅ Вы подтвердили участие.
pair-all-agreed = ✍ Все участники пары/группы № { $id } согласны: она отправлена на утверждение приказом.
pair-for-approval = <b>На утверждение приказом</b> (п. 3.4, 6.2): все участники подтвердили участие и дали согласия.
pair-approve = ✅ Утвердить приказом
pair-return = ↩ Вернуть с комментарием
pair-only-director = Утверждает директор (п. 3.4).
pair-only-department = В форме «руководитель — педагог» наставника назначает управление образования (п. 3.3).
pair-not-confirmed = Эту пару нельзя утвердить: не все участники согласились, или решение уже принято.
pair-ask-number = Номер приказа, например: 45-В
pair-ask-date = Дата приказа: нажмите «Сегодня» или напишите дату, например 01.10.2026.
pair-today = Сегодня, { $date }
pair-lacking-consents = Нельзя утвердить: нет письменного согласия у { $names } (п. 3.2, 3.7).
pair-approved = ✅ Утверждено приказом № { $number } от { $date }.
pair-order-caption = Приказ о закреплении наставнических пар/групп с приложением.
pair-approved-mentor = ✅ Вы назначены наставником приказом № { $number } от { $date }. Составьте персонализированную программу наставничества до { $due } (п. 3.6).
pair-approved-mentee = ✅ Вам назначен наставник приказом № { $number } от { $date }. Наставник составит персонализированную программу до { $due }; вы сможете предложить свои пункты (п. 5.1).
pair-ask-comment = Напишите, что нужно исправить (комментарий получит куратор).
pair-returned = ↩ Возвращено куратору с комментарием.
pair-returned-curator = ↩ Пара/группа возвращена на доработку: { $comment }
pair-status-completed = наставничество завершено
pair-icon-completed = 🏁
pair-action-completed = наставничество завершено
pair-not-active = Это наставничество сейчас не действует.
pair-complete = 🏁 Завершить наставничество
pair-complete-why = Почему завершается наставничество (п. 7.1)?
completion-fulfilled = План мероприятий выполнен в полном объёме
completion-mentor = По инициативе наставника
completion-mentee = По инициативе наставляемого
completion-both = По обоюдному решению
completion-curator = По инициативе куратора
pair-complete-comment = Укажите уважительную причину (п. 7.1) — её увидят директор и участники.
pair-completed-curator = 🏁 Наставничество завершено. Участники получили просьбу составить отчёты в течение 10 дней (п. 3.6).
pair-completed = Завершено { $date }: { $reason } (комментарий: { $comment })
pair-report-line = Отчёт — { $name }: { $state ->
        [none] ожидается до { $due }
       *[other] сдан { $state }
    }
pair-report-fill = 📝 Составить отчёт
pair-reports-docx = 📄 Отчёты (DOCX)
pair-no-reports = Отчётов пока нет.
pair-report-subtitle = Наставник: { $mentor }; приказ № { $number } от { $date }
pair-action-item_added_by_mentor = наставник добавил мероприятие
pair-action-item_added_by_mentee = наставляемый предложил мероприятие
pair-action-programme_submitted = программа отправлена наставляемым
pair-action-programme_from_practice = мероприятия скопированы из банка лучших практик
pair-action-programme_acknowledged = наставляемый ознакомился с программой
pair-action-item_done = наставляемый отметил выполнение
pair-action-item_accepted = наставник принял выполнение
pair-action-item_returned = наставник вернул на доработку
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
pair-action-replace_requested = предложена замена наставника
pair-action-replace_agreed = новый наставник согласен
pair-action-replace_declined = новый наставник отказался
pair-action-mentor_replaced = наставник заменён приказом (п. 3.8)
pair-action-item_commented = комментарий к мероприятию
