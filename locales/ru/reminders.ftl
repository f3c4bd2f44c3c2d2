## Reminders, overdue alerts, the curator's daily digest and the `remind` command's list.
## The days are counted on the day a message is sent: $stage is before | tomorrow | today | overdue,
## $days the number of days left (or overdue), $due the date ДД.ММ.ГГГГ.

days-count = { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    }
remind-when = { $stage ->
        [tomorrow] Завтра
       *[before] Через { days-count }
    }
list-more = { " " }и ещё { $count }
list-more-people = …и ещё { $count } чел.

remind-mentor-before = ⏰ { remind-when } ({ $due }) истекает срок назначения наставника для { NAME($name, case: "gen") }: не позднее { $limit } календарных дней с фактического допуска к работе (п. 3.7 Положения).
remind-mentor-today = ⏰ Сегодня ({ $due }) последний день, чтобы назначить наставника для { NAME($name, case: "gen") } (п. 3.7 Положения).
remind-mentor-overdue = ⚠️ Просрочено на { days-count }: наставник для { NAME($name, case: "gen") } не назначен, срок истёк { $due } (п. 3.7 Положения). Пункт останется в ежедневной сводке, пока наставник не будет назначен.
remind-choose-mentor = 👥 Подобрать наставника

remind-campaign-before = 📝 { remind-when } ({ $due }) истекает срок заполнения анкеты «{ $title }». Ответы сохраняются после каждого вопроса.
remind-campaign-today = 📝 Сегодня ({ $due }) последний день, чтобы заполнить анкету «{ $title }».
remind-campaign-overdue = 📝 Просрочено на { days-count }: анкета «{ $title }» не заполнена, срок истёк { $due }. Заполните её, пожалуйста, как можно скорее.
remind-campaign-curator = ⚠️ Срок анкетирования «{ $title }» истёк { $due } (просрочено на { days-count }). Не заполнили: { $count } — { $names }.
remind-open-campaign = 📣 Открыть анкетирование

remind-refresh-before = 🔔 { remind-when } ({ $due }) истекает срок ежегодной актуализации списка педагогов, которым нужен наставник, за { $year } учебный год (п. 3.5 Положения): отправьте анкету профессиональных затруднений.
remind-refresh-today = 🔔 Сегодня ({ $due }) последний день ежегодной актуализации списка наставляемых (п. 3.5 Положения).
remind-refresh-overdue = ⚠️ Просрочено на { days-count }: ежегодная актуализация списка наставляемых (п. 3.5) за { $year } учебный год не проведена, срок истёк { $due }.
remind-open-refresh = 🔄 Провести актуализацию

remind-programme-before = 📋 { remind-when } ({ $due }) истекает срок составления персонализированной программы для: { $names } (не позднее 10 дней после приказа, п. 3.6).
remind-programme-today = 📋 Сегодня ({ $due }) последний день, чтобы составить и отправить программу наставничества для: { $names } (п. 3.6).
remind-programme-overdue = ⚠️ Просрочено на { days-count }: программа наставничества для { $names } не отправлена, срок истёк { $due } (п. 3.6).
remind-programme-curator = ⚠️ Просрочено на { days-count }: наставник не составил программу для { $names }, срок истёк { $due } (п. 3.6).
remind-write-programme = ✏️ Составить программу

remind-report-mentor-before = 📝 { remind-when } ({ $due }) истекает срок отчёта наставника о выполнении программы (10 дней по завершении наставничества, п. 3.6).
remind-report-mentor-today = 📝 Сегодня ({ $due }) последний день, чтобы сдать отчёт наставника (п. 3.6).
remind-report-mentor-overdue = ⚠️ Просрочено на { days-count }: отчёт наставника не сдан, срок истёк { $due } (п. 3.6).
remind-report-mentee-before = 📝 { remind-when } ({ $due }) истекает срок вашего отчёта о прохождении наставничества (п. 3.6).
remind-report-mentee-today = 📝 Сегодня ({ $due }) последний день, чтобы сдать отчёт о прохождении наставничества (п. 3.6).
remind-report-mentee-overdue = ⚠️ Просрочено на { days-count }: ваш отчёт о прохождении наставничества не сдан, срок истёк { $due } (п. 3.6).
remind-report-curator-mentor = ⚠️ Просрочено на { days-count }: отчёт наставника { $author } по наставничеству ({ $names }) не сдан, срок истёк { $due } (п. 3.6).
remind-report-curator-mentee = ⚠️ Просрочено на { days-count }: отчёт наставляемого { $author } не сдан, срок истёк { $due } (п. 3.6).
remind-open-pair = 🤝 Открыть пару/группу

remind-activity-before = 🗓 { remind-when } ({ $due }) срок мероприятия программы «{ $title }». Когда выполните, отметьте выполнение в программе.
remind-activity-today = 🗓 Сегодня ({ $due }) срок мероприятия программы «{ $title }». Когда выполните, отметьте выполнение в программе.
remind-activity-overdue = ⚠️ Просрочено на { days-count }: мероприятие программы «{ $title }» (срок { $due }) не отмечено выполненным. Отметьте выполнение в программе.
remind-activity-late = ⚠️ Просрочено на { days-count }: мероприятие «{ $title }» ({ $names }) не отмечено выполненным, срок истёк { $due }.

remind-end-before = 🏁 { remind-when } ({ $due }) заканчивается срок наставничества ({ $names }). Подготовьте завершение (п. 7.1) и отчёты (п. 3.6).
remind-end-today = 🏁 Сегодня ({ $due }) последний день наставничества ({ $names }). Завершите его (п. 7.1) — участники получат просьбу об отчётах.
remind-end-overdue = ⚠️ Просрочено на { days-count }: срок наставничества ({ $names }) истёк { $due }, но оно не завершено. Завершите его (п. 7.1) или продлите по обоюдному согласию (п. 7.2).

remind-undeliverable = ⚠️ Не удалось доставить напоминания:
remind-undeliverable-blocked = • { $name } — заблокировал(а) бота
remind-undeliverable-no_telegram = • { $name } — не подключён(а) к боту
remind-undeliverable-next = Выдайте новую ссылку-приглашение (кнопки ниже) или свяжитесь с сотрудником лично.
remind-new-invite = 🔗 Новое приглашение: { $name }
remind-open-staff = 👥 Все сотрудники

## The curator's daily digest: one message (counts, the most urgent items), the full list as a spreadsheet.
digest-title = <b>📋 Сводка сроков на { $date }</b>
digest-overdue = <b>Просрочено: { $count }</b>
digest-upcoming = <b>В ближайшие 7 дней: { $count }</b>
digest-count = • { $what } — { $count }
digest-urgent = <b>Самое срочное</b>
digest-more = …и ещё { $count } — полный список в файле «{ $file }».
digest-file-caption = Полный список сроков на { $date }: { $count }
digest-item = • { $line }
digest-item-school = • { $school }: { $line }
digest-when = { $stage ->
        [overdue] срок истёк { $due }, просрочено на { days-count }
        [today] сегодня последний день ({ $due })
        [tomorrow] завтра, { $due }
       *[before] до { $due }, через { days-count }
    }
digest-line-mentor_assignment = наставник для { NAME($name, case: "gen") } — { digest-when }
digest-line-campaign = анкета «{ $name }» — { digest-when }
digest-line-campaign_overdue = анкетирование «{ $name }» — { digest-when }
digest-line-yearly_refresh = актуализация списка наставляемых за { $name } учебный год — { digest-when }
digest-line-programme = программа наставничества для { $name } — { digest-when }
digest-line-report_mentor = отчёт наставника ({ $name }) — { digest-when }
digest-line-report_mentee = отчёт наставляемого ({ $name }) — { digest-when }
digest-line-activity = мероприятие «{ $name }» — { digest-when }
digest-line-planned_end = окончание наставничества ({ $name }) — { digest-when }
digest-kind-mentor_assignment = назначение наставника (п. 3.7)
digest-kind-campaign = анкеты
digest-kind-campaign_overdue = анкетирования
digest-kind-yearly_refresh = актуализация списка наставляемых (п. 3.5)
digest-kind-programme = программы наставничества (п. 3.6)
digest-kind-report_mentor = отчёты наставников (п. 3.6)
digest-kind-report_mentee = отчёты наставляемых (п. 3.6)
digest-kind-activity = мероприятия программ
digest-kind-planned_end = окончание наставничества (п. 7.1)
digest-state = { $stage ->
        [overdue] просрочено на { days-count }
        [today] сегодня последний день
        [tomorrow] завтра
       *[before] через { days-count }
    }
remind-open-banks = 🎓 Банк наставляемых
remind-open-pairs = 🤝 Пары и группы

## `python -m bot remind`: what a scan sent, or in a dry run what a real scan at that moment would send.
scan-title = Проверка сроков на { $moment } ({ $zone })
scan-dry = Пробный запуск: ничего не отправлено и не записано. Так поступит настоящая проверка в этот момент:
scan-nothing = Отправлять нечего.
scan-line = { "  " }{ $outcome }: { $recipient } — { $summary }
scan-summary = { $about }, срок { $due } — { digest-state }
scan-about-mentor_assignment = назначение наставника для { NAME($name, case: "gen") } (п. 3.7)
scan-about-campaign = анкета «{ $name }»
scan-about-campaign_overdue = анкетирование «{ $name }» не завершено
scan-about-yearly_refresh = актуализация списка наставляемых за { $name } учебный год (п. 3.5)
scan-about-programme = программа наставничества для { $name } (п. 3.6)
scan-about-report_mentor = отчёт наставника { $name } (п. 3.6)
scan-about-report_mentee = отчёт наставляемого { $name } (п. 3.6)
scan-about-activity = мероприятие программы «{ $name }»
scan-about-planned_end = окончание наставничества ({ $name })
scan-about-digest = ежедневная сводка сроков: просрочено { $overdue }, в ближайшие 7 дней { $upcoming }
scan-about-undeliverable = кому не удалось доставить напоминания: { $count } чел.
scan-about-unknown = напоминание о сроке { $due }
scan-outcome-real-sent = отправлено
scan-outcome-real-undeliverable-blocked = не доставлено: заблокировал(а) бота
scan-outcome-real-undeliverable-no_telegram = не доставлено: не подключён(а) к боту
scan-outcome-real-skipped-met = не отправлено: срок уже соблюдён
scan-outcome-real-skipped-nothing = не отправлено: сообщать нечего
scan-outcome-real-skipped-stale = не отправлено: сводка за прошедший день
scan-outcome-real-failed = не отправлено из-за сбоя, повторим при следующей проверке
scan-outcome-dry-sent = будет отправлено
scan-outcome-dry-undeliverable-blocked = не будет доставлено: заблокировал(а) бота
scan-outcome-dry-undeliverable-no_telegram = не будет доставлено: не подключён(а) к боту
scan-outcome-dry-skipped-met = не будет отправлено: срок уже соблюдён
scan-outcome-dry-skipped-nothing = не будет отправлено: сообщать нечего
scan-outcome-dry-skipped-stale = не будет отправлено: сводка за прошедший день
scan-outcome-dry-failed = не получится подготовить сообщение (ошибка в тексте, подробности в журнале)
scan-total-real = Итого: отправлено { $sent }, не доставлено { $undeliverable }, не понадобилось { $skipped }, сбоев { $failed }.
scan-total-dry = Итого: будет отправлено { $sent }, не будет доставлено { $undeliverable }, не понадобится { $skipped }, ошибок { $failed }.
