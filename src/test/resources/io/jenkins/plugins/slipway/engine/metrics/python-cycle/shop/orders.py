"""Orders."""
from shop.billing import invoices


def place(order):
    """Place an order."""
    total = 0
    for item in order["items"]:
        price = item["price"]
        quantity = item["quantity"]
        discount = item.get("discount", 0)
        total += price * quantity - discount
    return invoices.charge(order["customer"], total)
