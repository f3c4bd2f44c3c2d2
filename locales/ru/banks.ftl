## Banks of mentors and mentees

menu-banks = 🗂 Банки наставников и наставляемых
bank-home = <b>Банки</b> (дорожная карта, этапы 2–3; п. 3.5 Положения). Выберите банк:
bank-title-mentee = 🎓 Банк наставляемых
bank-title-mentor = 🧭 Банк наставников
bank-list = Показано: { $shown } · стр. { $page } из { $pages }. Фильтр по статусу — кнопками.
bank-all = Все ({ $count })
bank-status-waiting = Ждут наставника ({ $count })
bank-status-assigned = Закреплены ({ $count })
bank-status-completed = Завершили ({ $count })
bank-status-archived = В архиве ({ $count })
bank-status-candidate = Кандидаты ({ $count })
bank-status-approved = Утверждены ({ $count })
bank-status-rejected = Отклонены ({ $count })
bank-status-short-waiting = ждёт наставника
bank-status-short-assigned = закреплён наставник
bank-status-short-completed = завершил(а)
bank-status-short-archived = в архиве
bank-status-short-candidate = кандидат
bank-status-short-approved = утверждён(а)
bank-status-short-rejected = отклонён(а)
bank-card = <b>{ $name }</b>
    Должность: { $position }
    Статус: { $status }
    Дата фактического допуска к работе: { $start }
    { $deadline }
    Анкета: { $questionnaire }
    Согласия: { $consents }

    { $answers }
bank-answer = <b>{ $question }</b>
    { $answer }
bank-deadline = Назначить наставника до { $date } (п. 3.7: { $days } { $days ->
        [one] календарный день
        [few] календарных дня
       *[many] календарных дней
    } с допуска к работе) — { $left ->
        [0] сегодня последний день
       *[other] { $left ->
            [one] остался { $left } день
            [few] осталось { $left } дня
           *[many] осталось { $left } дней
        }
    }
bank-deadline-overdue = ⚠️ Срок назначения наставника (п. 3.7) истёк { $date }: просрочено на { $late } { $late ->
        [one] день
        [few] дня
       *[many] дней
    }
bank-deadline-unknown = Срок назначения наставника: неизвестна дата допуска к работе
bank-q-submitted = заполнена { $date }
bank-q-progress = в процессе, { $done } из { $total }
bank-q-none = не заполнена
bank-no-consents = нет
bank-approve = ✅ Утвердить наставником
bank-reject = ✖ Отклонить
bank-archive = 🗄 В архив
bank-restore = ↩ Вернуть из архива
bank-already-decided = Решение по этому кандидату уже принято.
bank-missing-consents = Нельзя утвердить: нет согласия { $kinds } (п. 3.2, 3.7; 152-ФЗ).
bank-done-approve = Утверждён(а) в банке наставников
bank-done-reject = Кандидат отклонён
bank-done-archive = Перенесено в архив
bank-done-restore = Возвращено из архива
bank-export = 📥 Выгрузить .xlsx
bank-export-caption = Выгрузка: { $count } { $count ->
        [one] запись
        [few] записи
       *[many] записей
    }.
bank-sheet-mentee = Банк наставляемых
bank-sheet-mentor = Банк наставников
bank-file-mentee = Банк_наставляемых
bank-file-mentor = Банк_наставников
xlsx-name = ФИО
xlsx-position = Должность
xlsx-subjects = Предметы
xlsx-start = Дата допуска к работе
xlsx-status = Статус
xlsx-questionnaire = Анкета
xlsx-consents = Согласия
xlsx-deadline = Назначить наставника до (п. 3.7)
bank-load = <b>Нагрузка</b>: { $load } из { $capacity } наставляемых (не более трёх одновременно, п. 3.7)
xlsx-load = Нагрузка (наставляемых сейчас / может взять)
