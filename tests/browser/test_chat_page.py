"""The local chat page as a deputy head uses it to try the bot: on a phone and a desktop, adding people,
opening invitation links, formatted and edited messages, buttons, and the history after a restart."""

import re

from playwright.async_api import expect

from tests.browser.conftest import BOT_USERNAME, PHONE, Browse, Site

MENU = {
    "inline_keyboard": [
        [{"text": "👥 Сотрудники", "callback_data": "staff"}],
        [{"text": "❓ Помощь", "callback_data": "help"}, {"text": "Сайт школы", "url": "https://example.org/"}],
    ]
}


async def test_on_a_phone_the_list_becomes_a_picker_and_the_chat_fills_the_screen(site: Site, browse: Browse) -> None:
    assert site.bot is not None
    await site.bot.send(1002, "<b>Главное меню</b>", parse_mode="HTML", reply_markup=MENU)
    page = await browse(site.url + "/", PHONE)

    picker = page.get_by_label("Пользователь", exact=True)
    await expect(picker).to_be_visible()
    await expect(page.locator("#side")).to_be_hidden()  # no side list on a phone
    await expect(picker.locator("option")).to_have_text(
        ["Выберите пользователя…", "Анна Сергеевна Литвинова — директор", "Елена Павловна Кузнецова — куратор"]
    )
    await picker.select_option(label="Елена Павловна Кузнецова — куратор")
    await expect(page.locator(".msg.bot b")).to_have_text("Главное меню")
    await expect(page.get_by_role("button", name="👥 Сотрудники")).to_be_in_viewport()
    message_box = page.get_by_label("Сообщение", exact=True)
    await expect(message_box).to_be_in_viewport()
    # The chat takes the whole width, and nothing sticks out sideways.
    assert await page.evaluate("document.getElementById('main').getBoundingClientRect().width") == PHONE["width"]
    assert await page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    await message_box.fill("Здравствуйте")
    await message_box.press("Enter")
    await expect(page.locator(".msg.me .body")).to_have_text("Здравствуйте")
    [update] = await site.bot.updates()
    assert update["message"]["from"]["id"] == 1002 and update["message"]["text"] == "Здравствуйте"

    # A message to someone else while this chat is open: a mark in the picker, and the chat is one tap away.
    await site.bot.send(1001, "Заявка на утверждение")
    await expect(picker.locator("option", has_text="Литвинова")).to_have_text("● Анна Сергеевна Литвинова — директор")
    await picker.select_option(value="1001")
    await expect(page.locator(".msg.bot .body")).to_have_text("Заявка на утверждение")
    await expect(picker.locator("option", has_text="Литвинова")).to_have_text("Анна Сергеевна Литвинова — директор")

    # Adding a person works from the phone's header too.
    await page.get_by_role("button", name="Добавить пользователя").click()
    dialog = page.get_by_role("dialog", name="Новый пользователь")
    await dialog.get_by_label("Имя", exact=True).fill("Олег")
    await dialog.get_by_role("button", name="Добавить", exact=True).click()
    await expect(picker.locator("option:checked")).to_have_text("Олег")


async def test_a_person_added_on_the_page_appears_in_the_list_and_can_start(site: Site, browse: Browse) -> None:
    assert site.bot is not None and site.emulator is not None
    page = await browse(site.url + "/")
    await page.get_by_role("button", name="Добавить пользователя").click()
    dialog = page.get_by_role("dialog", name="Новый пользователь")
    await expect(dialog).to_be_visible()
    await dialog.get_by_role("button", name="Добавить", exact=True).click()
    await expect(dialog.get_by_role("alert")).to_have_text("Укажите имя.")

    await dialog.get_by_label("Имя", exact=True).fill("Мария")
    await dialog.get_by_label("Фамилия").fill("Соколова")
    await dialog.get_by_role("button", name="Добавить", exact=True).click()
    await expect(dialog).to_be_hidden()
    await expect(page.locator("#users .user .name")).to_have_text(
        ["Анна Сергеевна Литвинова", "Елена Павловна Кузнецова", "Мария Соколова"]
    )
    await expect(page.locator("#users .user.active .name")).to_have_text("Мария Соколова")
    await expect(page.locator("#title")).to_have_text("Мария Соколова")
    await expect(page.locator("#log")).to_contain_text("Здесь пока пусто")

    await page.get_by_role("button", name="Начать").click()  # Telegram's START in a new chat
    await expect(page.locator(".msg.me .body")).to_have_text("/start")
    [update] = await site.bot.updates()
    sender = update["message"]["from"]
    assert (sender["first_name"], sender["last_name"], update["message"]["text"]) == ("Мария", "Соколова", "/start")
    assert site.emulator.state.users[sender["id"]].first_name == "Мария"


async def test_formatting_and_links_render_and_message_text_cannot_inject_a_script(site: Site, browse: Browse) -> None:
    assert site.bot is not None
    await site.bot.send(
        1002,
        "<b>жирный</b> <i>курсив</i> <u>подчёркнутый</u> <s>зачёркнутый</s> <code>код</code>\n"
        "<pre>строка 1\nстрока 2</pre>\n"
        '<a href="https://example.org/polozhenie">Положение</a>, план: https://example.org/plan. Справка: /help\n'
        '<a href="javascript:window.pwned=1">опасная ссылка</a> &lt;b&gt;не жирный&lt;/b&gt;',
        parse_mode="HTML",
    )
    await site.bot.send(1002, '<img src=x onerror="window.pwned=2"><script>window.pwned=3</script>')
    page = await browse(site.url + "/?user=1002")

    first = page.locator(".msg.bot").first
    for tag, text in [("b", "жирный"), ("i", "курсив"), ("u", "подчёркнутый"), ("s", "зачёркнутый"), ("code", "код")]:
        await expect(first.locator(f".body {tag}")).to_have_text(text)
    await expect(first.locator(".body pre")).to_have_text("строка 1\nстрока 2")
    link = first.get_by_role("link", name="Положение")
    await expect(link).to_have_attribute("href", "https://example.org/polozhenie")
    await expect(link).to_have_attribute("target", "_blank")
    await expect(first.get_by_role("link", name="https://example.org/plan")).to_have_attribute(
        "href", "https://example.org/plan"
    )
    # A javascript: link stays text; escaped tags are text; raw HTML in a plain message is text.
    await expect(first.get_by_text("опасная ссылка")).not_to_have_attribute("href", re.compile(".*"))
    await first.get_by_text("опасная ссылка").click()
    await expect(first).to_contain_text("<b>не жирный</b>")
    second = page.locator(".msg.bot").nth(1)
    await expect(second.locator(".body")).to_have_text(
        '<img src=x onerror="window.pwned=2"><script>window.pwned=3</script>'
    )
    await expect(page.locator("#log img, #log script, #log b:has-text('не жирный')")).to_have_count(0)
    assert await page.evaluate("window.pwned") is None

    # A /command in the bot's text sends it, as in Telegram.
    await first.get_by_role("link", name="/help").click()
    await expect(page.locator(".msg.me .body")).to_have_text("/help")


async def test_an_edited_message_says_izmeneno(site: Site, browse: Browse) -> None:
    assert site.bot is not None
    sent = await site.bot.send(1002, "Заявка: <b>на рассмотрении</b>", parse_mode="HTML")
    page = await browse(site.url + "/?user=1002")
    message = page.locator(".msg.bot")
    await expect(message.locator(".body")).to_have_text("Заявка: на рассмотрении")
    await expect(message.locator(".meta")).not_to_contain_text("изменено")

    await site.bot.call(
        "editMessageText",
        chat_id=1002,
        message_id=sent["message_id"],
        text="Заявка: <b>одобрена</b>",
        parse_mode="HTML",
    )
    await expect(message.locator(".body")).to_have_text("Заявка: одобрена")  # without reloading the page
    await expect(message.locator(".body b")).to_have_text("одобрена")
    await expect(message.locator(".meta .edited")).to_have_text("изменено")


async def test_inline_buttons_press_and_show_the_answer(site: Site, browse: Browse) -> None:
    assert site.bot is not None
    await site.bot.send(1002, "Главное меню", reply_markup=MENU)
    page = await browse(site.url + "/?user=1002")
    await page.get_by_role("button", name="👥 Сотрудники").click()
    await expect(page.get_by_role("button", name="👥 Сотрудники")).to_be_disabled()  # until the bot answers
    [update] = await site.bot.updates()
    query = update["callback_query"]
    assert query["data"] == "staff" and query["from"]["id"] == 1002
    await site.bot.call("answerCallbackQuery", callback_query_id=query["id"], text="Список обновлён")
    await expect(page.get_by_role("status").filter(has_text="Список обновлён")).to_be_visible()
    await expect(page.get_by_role("button", name="👥 Сотрудники")).to_be_enabled()

    await page.get_by_role("button", name="❓ Помощь").click()
    [update] = await site.bot.updates(update["update_id"] + 1)
    await site.bot.call(
        "answerCallbackQuery", callback_query_id=update["callback_query"]["id"], text="Доступ запрещён", show_alert=True
    )
    alert = page.get_by_role("alertdialog", name="Ответ бота")
    await expect(alert).to_contain_text("Доступ запрещён")
    await expect(alert).to_be_visible()
    await alert.get_by_role("button", name="Понятно").click()
    await expect(alert).to_be_hidden()


async def test_an_invitation_link_in_a_message_opens_the_chat_as_the_chosen_person(site: Site, browse: Browse) -> None:
    assert site.bot is not None
    link = f"https://t.me/{BOT_USERNAME}?start=Inv1te_c0de"
    await site.bot.send(1002, f"🔗 Приглашение для «Литвинова Анна Сергеевна»:\n{link}")
    await site.bot.send(1002, "Чужой бот: https://t.me/other_school_bot?start=abc")
    page = await browse(site.url + "/?user=1002")

    await page.get_by_role("link", name="https://t.me/other_school_bot?start=abc").click()
    await expect(page.get_by_role("status").filter(has_text="Ссылка ведёт к боту @other_school_bot")).to_be_visible()

    await page.get_by_role("link", name=link).click()
    dialog = page.get_by_role("dialog", name="Открыть ссылку")
    await expect(dialog.get_by_label("Ссылка")).to_have_value(link)
    who = dialog.get_by_label("Кто открывает ссылку?")
    await expect(who.locator("option:checked")).to_have_text("Новый пользователь — создать")
    await who.select_option(label="Анна Сергеевна Литвинова — директор")
    await expect(dialog.get_by_label("Имя", exact=True)).to_be_hidden()
    await dialog.get_by_role("button", name="Открыть", exact=True).click()

    await expect(dialog).to_be_hidden()
    await expect(page.locator("#title")).to_contain_text("Анна Сергеевна Литвинова")
    await expect(page.locator(".msg.me .body")).to_have_text("/start Inv1te_c0de")
    [update] = await site.bot.updates()
    assert update["message"]["from"]["id"] == 1001 and update["message"]["text"] == "/start Inv1te_c0de"

    # The «open link» field checks what is pasted.
    await page.get_by_role("button", name="Открыть ссылку").click()
    await dialog.get_by_label("Ссылка").fill("https://example.org/?start=1")
    await dialog.get_by_role("button", name="Открыть", exact=True).click()
    await expect(dialog.get_by_role("alert")).to_contain_text("Это не ссылка на бота в Telegram")
    await dialog.get_by_label("Ссылка").fill(f"t.me/{BOT_USERNAME}?start=second")
    await dialog.get_by_role("button", name="Открыть", exact=True).click()
    await expect(dialog.get_by_role("alert")).to_have_text(
        "Укажите имя нового пользователя — или выберите кого-то из списка."
    )
    await dialog.get_by_label("Имя", exact=True).fill("Павел")
    await dialog.get_by_role("button", name="Открыть", exact=True).click()
    await expect(page.locator("#users .user.active .name")).to_have_text("Павел")
    await expect(page.locator(".msg.me .body")).to_have_text("/start second")


async def test_the_history_is_back_after_a_restart_and_the_open_page_reconnects(site: Site, browse: Browse) -> None:
    assert site.bot is not None and site.emulator is not None
    sent = await site.bot.send(1002, "<b>Черновик</b>", parse_mode="HTML")
    await site.bot.call("editMessageText", chat_id=1002, message_id=sent["message_id"], text="Итог")
    await site.bot.send_document(1002, "Приказ о закреплении.docx", b"PK" + b"x" * 2046, caption="Приказ")
    page = await browse(site.url + "/?user=1002")
    await page.get_by_role("button", name="Добавить пользователя").click()
    dialog = page.get_by_role("dialog", name="Новый пользователь")
    await dialog.get_by_label("Имя", exact=True).fill("Мария")
    await dialog.get_by_role("button", name="Добавить", exact=True).click()
    await expect(page.locator("#users .user.active .name")).to_have_text("Мария")
    await page.get_by_label("Сообщение", exact=True).fill("Я новый учитель")
    await page.get_by_role("button", name="Отправить", exact=True).click()
    await expect(page.locator(".msg.me .body")).to_have_text("Я новый учитель")
    [update] = await site.bot.updates()

    port = int(site.url.rsplit(":", 1)[1])
    await site.stop()
    await expect(page.get_by_text("Нет связи с ботом")).to_be_visible()
    assert (site.state_dir / "state.json").exists()

    site.emulator = None
    restarted = await site.start_on(port)
    assert restarted.url.endswith(f":{port}")
    await expect(page.get_by_text("Нет связи с ботом")).to_be_hidden()  # the page came back by itself
    await expect(page.locator("#users .user .name")).to_have_text(
        ["Анна Сергеевна Литвинова", "Елена Павловна Кузнецова", "Мария"]
    )
    await page.locator("#users .user", has_text="Кузнецова").click()
    message = page.locator(".msg.bot").first
    await expect(message.locator(".body")).to_have_text("Итог")
    await expect(message.locator(".meta .edited")).to_have_text("изменено")
    document = page.locator(".msg.bot", has_text="Приказ").locator(".file")
    await expect(document).to_have_text("📄 Приказ о закреплении.docx 2 КБ")
    download = await page.request.get(site.url + (await document.get_by_role("link").get_attribute("href") or ""))
    assert await download.body() == b"PK" + b"x" * 2046

    # A fresh page shows the same, and the next update continues the numbering.
    fresh = await browse(site.url + "/")
    await fresh.locator("#users .user", has_text="Мария").click()
    await expect(fresh.locator(".msg.me .body")).to_have_text("Я новый учитель")
    await fresh.get_by_label("Сообщение", exact=True).fill("После перезапуска")
    await fresh.get_by_label("Сообщение", exact=True).press("Enter")
    await expect(fresh.locator(".msg.me .body")).to_have_text(["Я новый учитель", "После перезапуска"])  # sent
    [after] = await site.bot.updates(update["update_id"] + 1)
    assert after["update_id"] > update["update_id"] and after["message"]["text"] == "После перезапуска"
