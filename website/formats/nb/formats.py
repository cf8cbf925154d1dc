"""Norwegian bokmål dates and times (Django's named formats: use `|date:"DATE_FORMAT"`, not a
pattern, in templates, so English pages get English order). "13. februar 2027 10:00"."""

DATE_FORMAT = "j. F Y"
DATETIME_FORMAT = "j. F Y H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j. F"
SHORT_DATE_FORMAT = "j.n.Y"
SHORT_DATETIME_FORMAT = "j.n.Y H:i"
