## Staff list, cards, invites, upload

staff-list = <b>Сотрудники</b>: { $count } · стр. { $page } из { $pages }
    ✅ — подключён к боту, ⏳ — ещё не открыл приглашение.
staff-add = ➕ Добавить
staff-upload = 📥 Загрузить список
staff-back-to-list = ⬅ К списку
staff-not-found = Сотрудник не найден.
staff-card = <b>{ $name }</b>
    Должность: { $position }
    Предметы: { $subjects }
    Дата фактического допуска к работе: { $start }
    Стаж, лет: { $experience }
    Роли: { $roles }
    Telegram: { $linked ->
        [yes] подключён ✅
       *[no] не подключён ⏳
    }
staff-invite = 🔗 Ссылка-приглашение
staff-invite-link = 🔗 Приглашение для «{ $name }»:
    { $link }

    Перешлите ссылку сотруднику. Она сработает один раз и действует до { $expires } ({ $days } { $days ->
        [one] день
        [few] дня
       *[many] дней
    }). Если ссылка не открывается, можно отправить боту команду:
    <code>/start { $code }</code>
staff-invite-relink = «{ $name }» уже подключён к боту. Новая ссылка позволит привязать к этой карточке другой Telegram-аккаунт (например, если сотрудник сменил телефон). Выдать новую ссылку?
staff-invite-relink-yes = 🔗 Да, выдать новую ссылку
staff-role_granted = Роль «{ $role }» назначена
staff-role_removed = Роль «{ $role }» снята
staff-add-title = Новый сотрудник
staff-saved = ✅ Сотрудник «{ $name }» добавлен. Назначьте роли кнопками в карточке ниже.
staff-saved-short = Сохранено
staff-template = 📄 Образец файла
staff-template-caption = Образец списка сотрудников. Заполните по строке на человека; обязательны ФИО и должность.
staff-upload-prompt = <b>Загрузка списка сотрудников</b>
    Пришлите файл .xlsx или .csv (до 2 МБ). В первой строке — заголовки:
    ФИО, Должность, Предметы, Дата фактического допуска к работе, Стаж (лет), Роль.
    Обязательны ФИО и должность. Роль: наставник, наставляемый, МО (можно несколько через запятую).
    Строки с ошибками я перечислю с номерами, остальные сохраню.
staff-upload-need-file = Пришлите, пожалуйста, файл .xlsx или .csv документом (скрепка → файл).
staff-upload-bad-type = Этот формат не подходит: нужен файл .xlsx или .csv.
staff-upload-too-big = Файл слишком большой: допускается до 2 МБ.
staff-upload-unreadable = Не удалось прочитать файл. Сохраните его заново как .xlsx или .csv (UTF-8) и пришлите ещё раз.
staff-upload-no-columns = В первой строке файла не нашлось столбцов «ФИО» и «Должность». Возьмите за основу образец.
staff-upload-summary = <b>Список загружен.</b>
    Добавлено: { $added }. Строк с ошибками: { $bad }. Уже были в списке: { $skipped }.
staff-upload-problem = Строка { $line }: { $field } — { $error }
staff-upload-exists = Строка { $line }: «{ $name }» уже есть в списке сотрудников — пропущено.
staff-upload-link = { $name }: { $link }

column-full_name = ФИО
column-position = должность
column-subjects = предметы
column-work_start_date = дата допуска к работе
column-experience_years = стаж
column-roles = роль
column-row = строка

import-missing = не заполнено
import-bad-name = ФИО должно состоять из фамилии, имени и отчества буквами
import-bad-date = дата не распознана (пример: 01.09.2026)
import-bad-number = нужно целое число лет от 0 до 70
import-bad-role = неизвестная роль (наставник, наставляемый, МО)
import-too-long = слишком длинный текст
import-too-short = слишком короткий текст
import-duplicate = этот человек уже встречается выше в файле
import-too-many-rows = слишком много строк: за один раз не больше 500
import-no-column = нет такого столбца
