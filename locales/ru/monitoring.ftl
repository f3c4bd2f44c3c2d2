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
