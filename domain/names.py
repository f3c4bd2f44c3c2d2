"""People's names as a school writes them in lists and orders."""


def initials(full_name: str) -> str:
    """«Мороз Андрей Иванович» → «Мороз А. И.»; a name already short, or of one word, stays as it is."""
    surname, *rest = full_name.split() or [""]
    letters = [part[0] for part in rest if part and part[0].isalpha()]
    return " ".join([surname, *(f"{letter}." for letter in letters)]) if letters else full_name.strip()
