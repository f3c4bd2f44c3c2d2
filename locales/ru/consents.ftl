## Consents and /privacy

menu-privacy = 🔐 Мои данные и согласия
command-privacy = мои данные и согласия
consent-kind-personal_data = на обработку персональных данных
consent-kind-mentee = наставляемого
consent-kind-mentor = на назначение наставником
consent-kind-publication = на публикацию результатов
consent-file-personal_data = на_обработку_ПД
consent-file-mentee = наставляемого
consent-file-mentor = наставника
consent-file-publication = на_публикацию
consent-ask = <b>{ $title }</b>

    { $text }

    <i>Текст согласия, версия { $version }. Нажимая «Даю согласие», вы подписываете его в электронной форме; копию для печати можно скачать в /privacy.</i>
consent-agree = ✅ Даю согласие
consent-later = ✖ Не сейчас
consent-later-text = Хорошо. Без этого согласия продолжить нельзя; вернуться к нему можно в любой момент: /privacy.
consent-give-button = ✍ Прочитать и дать согласие
consent-given = ✅ { $title } записано. Отозвать его можно в /privacy.
consent-given-short = Согласие записано
consent-already = Это согласие уже дано.
consent-not-found = Действующего согласия нет.
consent-docx-caption = Согласие для бумажного дела: распечатайте, если школа просит подпись от руки.

privacy = <b>Мои данные и согласия</b>
    { $lines }

    Каждое согласие — отдельный документ; любое можно скачать или отозвать.
privacy-line-given = ✅ Согласие { $title } — дано { $date } (версия текста { $version })
privacy-line-missing = ▫️ Согласие { $title } — не дано
privacy-give = ✍ Дать согласие { $title }
privacy-docx = 📄 { $short }: для печати
privacy-withdraw = ↩ Отозвать: { $short }
privacy-my-data = 📋 Какие данные обо мне хранятся
consent-short-personal_data = ПД
consent-short-mentee = наставляемого
consent-short-mentor = наставника
consent-short-publication = публикация
privacy-data = <b>Какие данные о вас хранятся</b>

    { $profile }

    Telegram ID: { $telegram }

    <b>Анкеты</b>
    { $responses }
privacy-no-responses = Анкет пока нет.
privacy-response-draft = ✏ { $title }: черновик от { $date }, ответов: { $count }
privacy-response-submitted = ✅ { $title }: отправлено { $date }, ответов: { $count }

withdraw-confirm-personal_data = <b>Отозвать согласие на обработку персональных данных?</b>

    Обработка ваших данных прекратится: ФИО, должность, предметы, даты, Telegram ID и ответы-тексты анкет будут удалены или обезличены. Останутся только обезличенные сведения для статистики и записи о самих согласиях, которые школа обязана хранить по закону. Доступ к боту прекратится, куратор получит уведомление.
withdraw-confirm-mentee = Отозвать согласие наставляемого? Куратор не сможет закрепить за вами наставника, пока вы не дадите согласие снова.
withdraw-confirm-mentor = Отозвать согласие на назначение наставником? Вы будете исключены из банка наставников.
withdraw-confirm-publication = Отозвать согласие на публикацию? Сведения о результатах с вашим участием не будут размещаться на сайте школы.
withdraw-yes = ↩ Да, отозвать
withdrawn-short = Согласие отозвано
withdrawn-personal_data = Согласие на обработку персональных данных отозвано. Ваши данные обезличены, обработка прекращена. Если захотите снова участвовать в наставничестве, обратитесь к куратору.
withdrawn-mentee = Согласие наставляемого отозвано.
withdrawn-mentor = Согласие на назначение наставником отозвано. Вы исключены из банка наставников.
withdrawn-publication = Согласие на публикацию отозвано.
curator-withdrawn-personal_data = ⚠️ { $name } отозвал(а) согласие на обработку персональных данных. Данные обезличены (152-ФЗ, ст. 21), участие в наставничестве прекращено{ $bank ->
        [yes] , из банка наставников исключён(а)
       *[no] {""}
    }.{ $count ->
        [0] {""}
       *[other] {" "}Затронуто пар и групп: { $count }. Решите, нужна ли замена наставника (п. 3.8) или завершение (п. 7.1):
            { $pairs }
    }
curator-withdrawn-mentee = ⚠️ { $name } отозвал(а) согласие наставляемого (п. 3.7): закреплять за ним (ней) наставника нельзя, пока согласие не дано снова.{ $count ->
        [0] {""}
       *[other] {" "}Затронуто пар и групп: { $count }. Решите, нужна ли замена наставника (п. 3.8) или завершение (п. 7.1):
            { $pairs }
    }
curator-withdrawn-mentor = ⚠️ { $name } отозвал(а) согласие на назначение наставником (п. 3.2){ $bank ->
        [yes] {" "}и исключён(а) из банка наставников
       *[no] {""}
    }.{ $count ->
        [0] {""}
       *[other] {" "}Затронуто пар и групп: { $count }. Решите, нужна ли замена наставника (п. 3.8) или завершение (п. 7.1):
            { $pairs }
    }
curator-withdrawn-publication = { $name } отозвал(а) согласие на публикацию результатов (раздел 8): сведения с его (её) участием больше не размещаются на сайте школы.
consent-affected-pair = • наставник { $mentor }, наставляемые: { $mentees } — { $status ->
        [approved] утверждено приказом № { $order }
        [confirmed] на утверждении
       *[proposed] на согласовании
    }
consent-doc-to-school = Директору { PHRASE($school, case: "gen") }
consent-doc-to-director = { NAME($name, case: "dat") }
consent-doc-from = от { NAME($name, case: "gen") }
