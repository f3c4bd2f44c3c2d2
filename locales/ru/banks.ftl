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
bank-status-withdrawn = Отозвали согласие ({ $count })
bank-status-short-waiting = ждёт наставника
bank-status-short-assigned = закреплён наставник
bank-status-short-completed = завершил(а)
bank-status-short-archived = в архиве
bank-status-short-candidate = кандидат
bank-status-short-approved = утверждён(а)
bank-status-short-rejected = отклонён(а)
bank-status-short-withdrawn = отозвал(а) согласие
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
bank-already-decided = Решение уже принято: { $status ->
        [approved] утверждён(а)
        [rejected] отклонён(а)
        [withdrawn] отозвал(а) согласие
        [archived] в архиве
        [assigned] закреплён наставник
        [completed] завершил(а)
        [waiting] ждёт наставника
       *[candidate] кандидат
    }.
bank-consents-missing = { $count ->
        [one] согласия { $kinds }
       *[other] согласий { $kinds }
    }
bank-missing-consents = Нельзя утвердить: нет { bank-consents-missing } (п. 3.2, 3.7; 152-ФЗ). { $connected ->
        [yes] Кандидат получил сообщение с кнопкой, чтобы дать { $count ->
            [one] его
           *[other] их
        }.
       *[no] Кандидат ещё не открыл ссылку-приглашение: выдайте её в карточке сотрудника, согласие он даст в боте.
    }
bank-approval-needs = Для утверждения не хватает { bank-consents-missing } (п. 3.2).
bank-consent-request = 🧭 Куратор { $curator } хочет утвердить вас в банке наставников (п. 3.2 Положения). { $count ->
        [one] Для этого нужно ваше согласие { $kinds }. Прочитайте и дайте его кнопкой ниже.
       *[other] Для этого нужны ваши согласия: { $kinds }. Прочитайте и дайте их кнопкой ниже.
    }
bank-candidate-ready = 🧭 { $name } дал(а) оба согласия — на обработку персональных данных и на назначение наставником (п. 3.2). Кандидата в банк наставников можно утвердить.
bank-you-approve = ✅ Куратор { $curator } утвердил(а) вас в банке наставников (п. 3.2). Теперь вас могут закрепить наставником за педагогом.
bank-you-reject = Куратор { $curator } не включил(а) вас в банк наставников. Если есть вопросы — обратитесь к куратору.
bank-load-cell = { $load } из { $capacity }
open-bank-card = 🗂 Открыть карточку
open-mentor-bank = 🧭 Банк наставников
bank-done-approve = Утверждён(а) в банке наставников
bank-done-reject = Кандидат отклонён
bank-done-archive = Перенесено в архив
bank-done-restore = Возвращено из архива
bank-export = 📥 Выгрузить таблицу
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
xlsx-deadline = Назначить наставника до
bank-load = <b>Нагрузка</b>: { $load } из { $capacity } наставляемых (не более трёх одновременно, п. 3.7)
xlsx-load = Нагрузка
