# Weekdays are 周六 everywhere ("D", see waic_site/formats/__init__.py), never 星期六 ("l").
# A day heading: "2025年7月26日 周六".
DATE_FORMAT = "Y年n月j日 D"
# A session's start on its own page: "2025年7月26日 周六 09:30".
DATETIME_FORMAT = "Y年n月j日 D H:i"
# A session's start on a card: "7月26日 周六 09:30".
SHORT_DATETIME_FORMAT = "n月j日 D H:i"
# A day tab or filter option: "7月26日 周六".
MONTH_DAY_FORMAT = "n月j日 D"
TIME_FORMAT = "H:i"
