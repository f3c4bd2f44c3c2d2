## Campaigns («Анкетирование»)

menu-campaigns = 📣 Анкетирование
camp-list = <b>Анкетирование</b>
    Отправьте анкету группе педагогов со сроком и следите, кто ответил.{ $refresh ->
        [yes] {""}

        🔔 В { $year } учебном году ещё не проводилась ежегодная актуализация списка педагогов, которым нужен наставник (п. 3.5 Положения).
       *[no] {""}
    }
camp-list-item = { $title }: { $done } из { $total }, срок { $due }
camp-refresh-button = 🔄 Актуализация наставляемых { $year } (п. 3.5)
camp-new = ➕ Новое анкетирование
camp-choose-q = Какую анкету отправить?
camp-choose-aud = Кому отправить анкету?
camp-aud-all = Всем сотрудникам
camp-aud-new_hires = Новым сотрудникам (допущены к работе в этом учебном году)
camp-aud-chosen = Выбрать людей
camp-aud-shown = { $audience ->
        [all] все сотрудники
        [new_hires] новые сотрудники (допущены к работе в этом учебном году)
       *[chosen] выбранные сотрудники
    }
camp-pick = Отметьте получателей и нажмите «Готово».
camp-picked = ✅ Готово (выбрано: { $count })
camp-pick-none = Отметьте хотя бы одного человека.
camp-form-title = Анкетирование
camp-due-label = Срок
camp-ask-due = До какой даты заполнить анкету? Нажмите кнопку или напишите дату в виде ДД.ММ.ГГГГ.
camp-due-in = { $days ->
        [1] Завтра
       *[other] Через { $days } { $days ->
            [one] день
            [few] дня
           *[many] дней
        }
    } ({ $date })
camp-confirm = <b>Проверьте анкетирование</b>
    Анкета: { $title }
    Кому: { $audience } — { $count } { $count ->
        [one] человек
        [few] человека
       *[many] человек
    }
    Срок: до { $due }

    { $names }{ $more ->
        [0] {""}
       *[other] {""}
            …и ещё { $more }
    }
camp-launch = 🚀 Отправить
camp-nobody = Некому отправлять: в выбранной группе нет сотрудников.
camp-launched-short = Отправлено
camp-launched = 🚀 Анкета отправлена: доставлено { $delivered } из { $total } (не подключённые к боту получат её, когда откроют приглашение).
camp-progress = <b>{ $title }</b> · срок до { $due }
    Заполнили: { $submitted } из { $total } · в процессе: { $in_progress } · не начали: { $not_started }

    { $lines }
camp-line-submitted = ✅ { $name } — отправлена { $date }
camp-line-progress = ✏️ { $name } — в процессе, { $done } из { $total }
camp-line-not-started = ⏳ { $name } — не начата{ $linked ->
        [no] {" "}(не подключён к боту)
       *[yes] {""}
    }
camp-more = …и ещё { $count }
camp-nudge-button = 🔔 Напомнить неответившим ({ $count })
camp-refresh-view = 🔄 Обновить
camp-back = ⬅ К анкетированиям
camp-not-found = Анкетирование не найдено.
camp-invitation = 📝 Куратор { $curator } просит заполнить «{ PHRASE($title, case: "acc") }» до { $due }. Ответы сохраняются после каждого вопроса — можно прерваться и продолжить позже.
camp-nudge = 🔔 Напоминание от куратора { NAME($curator, case: "gen") }: заполните, пожалуйста, «{ PHRASE($title, case: "acc") }» до { $due }. Если вы уже начали, продолжите с того же места.
open-campaign = 📣 Ход анкетирования
camp-fill = 📝 Заполнить анкету
camp-nudged = Напоминание отправлено: { $count }.
camp-nudged-recently = Напоминание уже отправлено только что.
