"""Path converters for date-based article URLs: /news/2026/03/08/slug/."""


class _Digits:
    digits = 2

    @property
    def regex(self):
        return f"[0-9]{{{self.digits}}}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):0{self.digits}d}"


class Year(_Digits):
    digits = 4


class TwoDigits(_Digits):
    digits = 2
