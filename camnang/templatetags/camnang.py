from django import template

register = template.Library()


@register.filter
def vnd(amount) -> str:
    """45000 -> '45.000 đ' (Vietnamese groups thousands with dots)."""
    try:
        return f"{int(amount):,}".replace(",", ".") + " đ"
    except (TypeError, ValueError):
        return ""
