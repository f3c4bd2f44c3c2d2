## Reminders, overdue alerts and the curator's daily digest

days-count = { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    }
remind-mentor-before = ⏰ Через { days-count } ({ $due }) истекает срок назначения наставника для «{ $name }»: не позднее { $limit } календарных дней с фактического допуска к работе (п. 3.7 Положения).
remind-mentor-today = ⏰ Сегодня ({ $due }) последний день, чтобы назначить наставника для «{ $name }» (п. 3.7 Положения).
remind-mentor-overdue = ⚠️ Просрочено: наставник для «{ $name }» не назначен, срок истёк { $due } (п. 3.7 Положения). Пункт останется в ежедневной сводке, пока наставник не будет назначен.
remind-open-mentee = 🎓 Открыть карточку наставляемого
remind-campaign-before = 📝 Напоминание: анкету «{ $title }» нужно заполнить до { $due } (осталось { days-count }). Ответы сохраняются после каждого вопроса.
remind-campaign-today = 📝 Сегодня последний день, чтобы заполнить анкету «{ $title }».
remind-campaign-curator = ⚠️ Срок анкетирования «{ $title }» истёк { $due }. Не заполнили: { $count } — { $names }.
remind-open-campaign = 📣 Открыть анкетирование
remind-refresh-before = 🔔 Начался { $year } учебный год. До { $due } актуализируйте список педагогов, которым нужен наставник (п. 3.5 Положения): отправьте анкету профессиональных затруднений.
remind-refresh-today = 🔔 Сегодня ({ $due }) последний день ежегодной актуализации списка наставляемых (п. 3.5 Положения).
remind-refresh-overdue = ⚠️ Ежегодная актуализация списка наставляемых (п. 3.5) за { $year } учебный год не проведена, срок истёк { $due }.
remind-open-refresh = 🔄 Провести актуализацию
remind-open-banks = 🎓 Банк наставляемых
remind-undeliverable = ⚠️ Не удалось доставить напоминания:
    { $names }
    Свяжитесь с этими сотрудниками лично или выдайте им новую ссылку-приглашение.

digest = <b>📋 Сводка сроков на { $date }</b>

    <b>Просрочено</b>
    { $overdue }

    <b>Ближайшие 7 дней</b>
    { $upcoming }
digest-none = нет
digest-line-mentor_assignment = • наставник для «{ $name }» — до { $due }
digest-line-campaign_overdue = • анкетирование «{ $name }» — до { $due }
digest-line-yearly_refresh = • актуализация списка наставляемых { $name } — до { $due }
remind-programme-before = 📋 Через { days-count } ({ $due }) истекает срок составления персонализированной программы для: { $names } (не позднее 10 дней после приказа, п. 3.6).
remind-programme-today = 📋 Сегодня ({ $due }) последний день, чтобы составить и отправить программу наставничества для: { $names } (п. 3.6).
remind-programme-overdue = ⚠️ Просрочено: программа наставничества для { $names } не отправлена, срок истёк { $due } (п. 3.6).
remind-programme-curator = ⚠️ Просрочено: наставник не составил программу для { $names }, срок истёк { $due } (п. 3.6).
digest-line-programme = • программа наставничества для { $name } — до { $due }
remind-report-mentor-before = 📝 Через { days-count } ({ $due }) истекает срок отчёта наставника о выполнении программы (10 дней по завершении наставничества, п. 3.6).
remind-report-mentor-today = 📝 Сегодня ({ $due }) последний день, чтобы сдать отчёт наставника (п. 3.6).
remind-report-mentor-overdue = ⚠️ Просрочено: отчёт наставника не сдан, срок истёк { $due } (п. 3.6).
remind-report-mentee-before = 📝 Через { days-count } ({ $due }) истекает срок вашего отчёта о прохождении наставничества (п. 3.6).
remind-report-mentee-today = 📝 Сегодня ({ $due }) последний день, чтобы сдать отчёт о прохождении наставничества (п. 3.6).
remind-report-mentee-overdue = ⚠️ Просрочено: ваш отчёт о прохождении наставничества не сдан, срок истёк { $due } (п. 3.6).
remind-report-curator = ⚠️ Просрочен отчёт по наставничеству ({ $names }): срок истёк { $due } (п. 3.6).
remind-open-pair = 🤝 Открыть пару/группу
digest-line-report_mentor = • отчёт наставника ({ $name }) — до { $due }
digest-line-report_mentee = • отчёт наставляемого ({ $name }) — до { $due }
remind-activity-mentee = 🗓 { $stage ->
        [today] Сегодня
       *[before] Через { days-count }
    } ({ $due }) срок мероприятия программы «{ $title }». Когда выполните, отметьте выполнение в программе.
remind-activity-late = ⚠️ Срок мероприятия «{ $title }» истёк { $due }, выполнение не отмечено.
remind-end-before = 🏁 Через { days-count } ({ $due }) заканчивается срок наставничества ({ $names }). Подготовьте завершение (п. 7.1) и отчёты (п. 3.6).
remind-end-today = 🏁 Сегодня ({ $due }) последний день наставничества ({ $names }). Завершите его (п. 7.1) — участники получат просьбу об отчётах.
remind-end-overdue = ⚠️ Срок наставничества ({ $names }) истёк { $due }, но оно не завершено. Завершите его (п. 7.1) или продлите по обоюдному согласию (п. 7.2).
digest-line-activity = • мероприятие «{ $name }» — до { $due }
digest-line-planned_end = • окончание наставничества ({ $name }) — { $due }
