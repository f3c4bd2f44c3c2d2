## Monitoring, the annual analytic report, statistics (3.5), the department's overview (3.3)

menu-monitoring = 📊 Мониторинг и отчёты
menu-department = 📊 Показатели школ

area-subject = Предметное содержание
area-methods = Методика обучения и преподавания
area-upbringing = Воспитательная работа, классное руководство
area-organisation = Организация урочной и внеурочной деятельности
area-psychology = Психолого-педагогическое сопровождение
area-digital = Цифровая образовательная среда
area-parents = Работа с родителями
area-documents = Рабочая программа, КТП, документация

qn-mentee_needs = Анкета профессиональных затруднений
qn-mentor_survey = Анкета наставника
qn-mentee_report = Отчёт наставляемого
qn-mentor_report = Отчёт наставника

mon-board = <b>📊 Мониторинг наставничества</b>
    { $school } · { $year } учебный год · данные на { $today }

    <b>Кадры</b>
    Педагогов: { $staff }; молодых (стаж до 3 лет): { $young }, из них в наставничестве: { $young_mentees } ({ $young_share } %)
    Наставников: { $mentors }; наставляемых: { $mentees }
    Вовлечено в наставничество: <b>{ $involved } из { $staff } ({ $involvement } %)</b> — цель { $target } % { $reached ->
        [yes] достигнута ✅
       *[no] не достигнута
    }

    <b>Пары и группы (п. 2.3)</b>
    Пар: { $pairs }; групп: { $groups }
    По формам: { $forms }
    По состоянию: { $statuses }
    Нагрузка наставников сейчас: { $load } (не более { $max } у одного, п. 3.7)

    <b>Сроки Положения</b>
    { $assignment }
    { $programmes }
    { $reports }
    Просрочено сейчас: <b>{ $overdue }</b>

    <b>Программы</b>
    Мероприятий выполнено и проверено: { $accepted } из { $items }; ждут проверки: { $waiting }; срок истёк: { $items_overdue }

    <b>Анкетирование</b>
    { $campaigns }
mon-deadline = • { $name }: в срок { $met }, с опозданием { $late }, просрочено { $overdue }, срок не наступил { $pending } (в срок — { $share } %)
mon-dl-assignment = наставник за 30 дней (п. 3.7)
mon-dl-programme = программа за 10 дней после приказа (п. 3.6)
mon-dl-report = отчёты за 10 дней по завершении (п. 3.6)
mon-campaign = «{ $title }», срок { $due }: заполнили { $submitted } из { $invited }
mon-no-campaigns = Анкетирований в этом учебном году не было.
mon-status-proposed = предложены
mon-status-confirmed = ждут приказа
mon-status-returned = возвращены
mon-status-declined = отклонены
mon-status-approved = реализуются
mon-status-completed = завершены

mon-charts = 📈 Диаграммы
mon-charts-wait = Готовлю диаграммы…
mon-charts-done = Диаграммы за { $year } учебный год готовы.
mon-overdue = ⏰ Просрочено сейчас
mon-overdue-title = <b>Просрочено сейчас: { $count }</b>
mon-overdue-none = Просроченных сроков нет.
mon-overdue-line = • { $what }: { $who } — срок истёк { $due }
mon-overdue-assignment = нет наставника (п. 3.7)
mon-overdue-programme = нет программы (п. 3.6), наставник
mon-overdue-report_mentor = нет отчёта наставника (п. 3.6)
mon-overdue-report_mentee = нет отчёта наставляемого (п. 3.6)
mon-stats = 📑 Статистика за период (таблица)
mon-stats-choose = За какой период сформировать сведения об участниках персонализированных программ наставничества (п. 3.5)?
mon-period-year = Текущий учебный год ({ $start } — { $end })
mon-period-last = Прошлый учебный год ({ $start } — { $end })
mon-period-half1 = Первое полугодие ({ $start } — { $end })
mon-period-half2 = Второе полугодие ({ $start } — { $end })
mon-period-typed = ✏️ Указать даты
mon-period-ask = Напишите период двумя датами через тире, например: 01.09.2025 — 31.12.2025.
mon-period-bad = Конец периода должен быть не раньше начала, а период — не длиннее трёх лет. Напишите даты ещё раз.
mon-file-wait = Готовлю файл…
mon-stats-caption = Статистика за { $start } — { $end }: наставников { $mentors }, наставляемых { $mentees }, завершено программ { $completed }.
mon-report = 📄 Аналитический отчёт за год (документ и таблица)
mon-report-caption = Аналитический отчёт за { $year } учебный год и его таблицы. Проблем и рисков в отчёте: { $risks }. { $curator ->
        [yes] Внесите выводы и задачи на следующий год кнопкой ниже — они войдут в отчёт.
       *[no] Выводы и задачи на следующий год вносит куратор.
    }
mon-notes = 📝 Выводы и задачи
mon-note-conclusions = ✏️ Выводы куратора
mon-note-tasks = ✏️ Задачи на следующий год
mon-ask-conclusions = Напишите выводы по итогам { $year } учебного года — они войдут в раздел 10 аналитического отчёта.
mon-ask-tasks = Напишите задачи на следующий учебный год (по итогам { $year }) — они войдут в раздел 10 аналитического отчёта.
mon-note-saved = Сохранено. Текст войдёт в аналитический отчёт.

mon-dept = <b>📊 Наставничество в школах</b>
    { $year } учебный год · данные на { $today }

    Школ: { $schools }; педагогов: { $staff }; вовлечено: { $involved } ({ $share } %, цель { $target } %)

    { $lines }
mon-dept-school = <b>{ $name }</b>
    педагогов { $staff }, вовлечено { $involved } ({ $share } %), пар { $pairs }, групп { $groups }, нарушений сроков Положения { $missed }
mon-dept-none = Школ с сотрудниками пока нет.
mon-dept-files = 📥 Таблица и диаграмма
mon-dept-compare = ⚖️ Сравнить две школы
mon-cmp-first = Выберите первую школу для сравнения.
mon-cmp-second = Выберите вторую школу.
mon-cmp = <b>Сравнение школ</b> · { $year } учебный год
    { $a } / { $b }
mon-cmp-row = { $name }: <b>{ $a }</b> / <b>{ $b }</b>
mon-cmp-staff = педагогов
mon-cmp-young = молодых педагогов
mon-cmp-mentors = наставников
mon-cmp-mentees = наставляемых
mon-cmp-pairs = пар
mon-cmp-groups = групп
mon-cmp-involvement = вовлечено

## The road map (Annex 2)
menu-roadmap = 🗺 Дорожная карта
rm-home = <b>🗺 Дорожная карта</b> · { $year } учебный год
    Выполнено мероприятий: { $done } из { $total }

    { $lines }
rm-stage-line = { $number }. { $title }: { $done } из { $total }{ $overdue ->
        [0] {""}
       *[other] , срок прошёл у { $overdue }
    }
rm-stage-button = Этап { $number } · { $done }/{ $total }
rm-stage = <b>Этап { $number }. { $title }</b>
    ✅ выполнено · ⬜ впереди · ⚠️ срок прошёл
rm-item = <b>{ $code }. { $title }</b>

    Сроки: { $planned }
    Ответственный: { $responsible }
    Ожидаемый результат: { $expected }

    { $state }
rm-done = ✅ Выполнено { $date }. Документ: { $document }
rm-no-document = не указан
rm-not-done = { $overdue ->
        [yes] ⚠️ Не выполнено, срок прошёл ({ $due }).
       *[no] ⬜ Не выполнено. Срок — до { $due }.
    }
rm-tick = ✅ Отметить выполненным
rm-undo = ↩️ Снять отметку
rm-undone = Отметка снята
rm-ask-date = Когда выполнено мероприятие? Нажмите «Сегодня» или напишите дату, например: 15.09.2025.
rm-today = Сегодня, { $date }
rm-future = Дата выполнения не может быть в будущем. Напишите дату ещё раз.
rm-ask-document = Дата: { $date }. Каким документом подтверждается выполнение? Например: «Приказ № 128-В от 29.08.2025». Или нажмите «Без документа».
rm-without-document = Без документа
rm-saved = Мероприятие { $code } отмечено выполненным { $date }.
rm-back-stage = ⬅ К этапу

## The bank of programmes and best practices (3.5, 3.6)
menu-practices = 🏅 Банк практик
bp-home = <b>🏅 Банк программ и лучших практик</b>
    Практик в банке: { $count }

    Завершённые программы, которые куратор отметил как лучшие, с кратким описанием. Наставник может начать новую программу по образцу: мероприятия копируются, сроки сдвигаются к периоду новой пары.
bp-browse = 🔎 Смотреть по направлениям
bp-mark = ➕ Отметить программу как лучшую практику
bp-all = Все направления ({ $count })
bp-all-forms = Все формы ({ $count })
bp-choose-area = Выберите направление (п. 3.6).
bp-choose-form = Выберите форму наставничества (п. 2.3).
bp-list = Найдено практик: { $count }. Выберите практику.
bp-empty = Практик с такими условиями пока нет.
bp-card = <b>{ $title }</b>
    Форма: { $form }
    Направление: { $area }

    { $description }

    <b>Мероприятия</b> (день от начала программы):
    { $items }
bp-item = { $number }. { $kind }: { $title } — { $day }-й день
bp-no-items = в программе не было мероприятий
bp-use = 📋 Начать программу по этому образцу
bp-no-drafts = У вас нет утверждённой пары с программой в черновике. Копировать можно только в черновик программы; если программа уже отправлена, сначала договоритесь о корректировке (п. 7.2).
bp-choose-mentorship = В программу какой пары скопировать мероприятия?
bp-copied-short = Мероприятия скопированы
bp-copied = ✅ В черновик программы скопировано мероприятий: { $count }. Сроки сдвинуты к периоду вашей пары. Проверьте их, впишите цель и отправьте программу наставляемому — в «🧭 Моё наставничество».
bp-problem-not-found = Практика или пара не найдены.
bp-problem-not-finished = В банк попадают только завершённые программы (п. 8.2).
bp-problem-already = Эта программа уже в банке практик.
bp-problem-not-draft = Программа этой пары уже отправлена. Чтобы изменить её, договоритесь о корректировке (п. 7.2).
bp-problem-not-mentor = Вы не наставник этой пары.
bp-mark-choose = Выберите завершённую программу, которую стоит взять за образец.
bp-mark-none = Завершённых программ с мероприятиями, ещё не отмеченных как практика, нет.
bp-mark-item = { $mentor } · { $form } · до { $end }
bp-mark-area = Какому направлению (п. 3.6) посвящена программа?
bp-mark-title = Лучшая практика
bp-marked-short = Практика добавлена
bp-marked = ✅ Практика «{ $title }» добавлена в банк. Наставники увидят её в «🏅 Банк практик».
bp-open = Открыть практику
field-practice-title = Название
field-practice-description = Описание
prompt-practice-title = Коротко назовите практику, например: «Адаптация молодого учителя математики через разбор уроков».
prompt-practice-description = Опишите, в чём успех программы и что стоит повторить (2–5 предложений). Не указывайте личных сведений об участниках.

## Courses and competitions (stage 2 of the monitoring)
menu-growth = 📈 Курсы и конкурсы
gr-home = <b>📈 Мои курсы, конкурсы и аттестация</b>
    Отмечайте повышение квалификации и участие в конкурсах — это часть мониторинга профессионального роста (п. 3.5).

    { $lines }
gr-none = Записей пока нет.
gr-line = • { $date } · { $kind }: { $title }{ $result }
gr-add-course = ➕ Курсы повышения квалификации
gr-add-competition = ➕ Конкурс профессионального мастерства
gr-add-certification = ➕ Аттестация
gr-kind-course = курсы
gr-kind-competition = конкурс
gr-kind-certification = аттестация
gr-form-title = Курсы и конкурсы
field-growth-title = Название
field-growth-date = Дата
field-growth-result = Результат
prompt-growth-title = Название курса, конкурса или аттестации, например: «Формирующее оценивание на уроках математики, 36 ч».
prompt-growth-date = Когда завершились курсы или прошёл конкурс? Например: 15.11.2025.
prompt-growth-result = Результат: удостоверение, диплом, место, категория. Можно пропустить.
gr-future = Дата не может быть в будущем.
gr-saved-short = Сохранено
gr-saved = ✅ Записано: { $kind } «{ $title }».

## Publication on the website (section 8)
menu-site = 🌐 Раздел на сайте
site-home = <b>🌐 Раздел «Наставничество» на сайте школы</b>
    Предпросмотр того, что попадёт на сайт (раздел 8 Положения):

    Нормативных документов: { $documents }
    Реализуемых программ: { $running } (без результатов — п. 8.2)
    Завершённых программ с результатами: { $completed }
    В базе наставников: { $mentors }; в базе наставляемых: { $mentees }
    Не размещены — нет согласия на публикацию: { $hidden }
    Лучших практик: { $cases }; новостей: { $news }

    На сайте будут названы: { $names }
site-zip = 📦 Скачать раздел (ZIP)
site-zip-caption = Раздел «Наставничество»: страницы HTML и оформление. Передайте архив администратору сайта — он размещает папку nastavnichestvo целиком. Без согласия на публикацию не размещено человек: { $hidden }.
site-add-news = 📰 Новость
site-add-doc = 📎 Документ
site-intro = ✏️ Вступительный текст
site-open = Открыть раздел
site-saved-short = Сохранено
site-news-title = Новость раздела
site-news-saved = ✅ Новость добавлена в раздел.
field-news-title = Заголовок
field-news-body = Текст
field-news-date = Дата
prompt-news-title = Заголовок новости или анонса, например: «Открытый урок молодого педагога».
prompt-news-body = Текст новости. Имена называйте только тех, кто дал согласие на публикацию.
prompt-news-date = Дата публикации, например: 15.10.2025.
site-choose-level = Какой это документ?
site-level-regional = Региональный
site-level-school = Локальный акт школы
site-doc-title = Нормативный документ
site-doc-saved = ✅ Документ добавлен в раздел.
field-doc-title = Название
field-doc-url = Ссылка
prompt-doc-title = Полное название документа с номером и датой, например: «Приказ министерства образования Ставропольского края от 01.02.2022 № 150-пр».
prompt-doc-url = Ссылка на документ (начинается с https://). Можно пропустить.
input-bad-url = Ссылка должна начинаться с http:// или https:// и не содержать пробелов.
site-intro-title = Вступление к разделу
field-site-intro = Текст
prompt-site-intro = Несколько предложений о наставничестве в школе — они откроют раздел на сайте.
site-intro-saved = ✅ Вступительный текст сохранён.
mon-load-item = { $mentees } { $mentees ->
        [one] наставляемый
       *[other] наставляемых
    } — у { $mentors } { $mentors ->
        [one] наставника
       *[other] наставников
    }
