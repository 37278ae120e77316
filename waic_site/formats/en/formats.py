# A day heading: "Saturday 26 July 2025".
DATE_FORMAT = "l j F Y"
# A session's start on its own page: "Saturday 26 July 2025, 09:30".
DATETIME_FORMAT = "l j F Y, H:i"
# A session's start on a card: "Sat 26 July, 09:30".
SHORT_DATETIME_FORMAT = "D j F, H:i"
# A day tab or filter option: "Sat 26 July".
MONTH_DAY_FORMAT = "D j F"
TIME_FORMAT = "H:i"
