"""Masking of personal data for public pages."""


def mask_phone(phone):
    """13812345678 -> 138****5678; anything shorter keeps only its last 2 digits."""
    phone = str(phone or "")
    if len(phone) >= 11:
        return f"{phone[:3]}****{phone[-4:]}"
    if len(phone) > 2:
        return "*" * (len(phone) - 2) + phone[-2:]
    return "*" * len(phone)


def mask_name(name):
    """张三 -> 张*, 欧阳娜娜 -> 欧**娜: the first character (and the last, for
    names of three or more) stay, so people recognise themselves."""
    name = str(name or "").strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]
