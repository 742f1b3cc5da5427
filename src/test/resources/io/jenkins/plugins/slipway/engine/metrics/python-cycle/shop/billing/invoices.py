"""Invoices."""
from shop import orders


def charge(customer, amount):
    """Charge a customer."""
    return {"customer": customer, "amount": amount, "again": orders.place}


def invoice(order):
    """Invoice an order."""
    total = 0
    for item in order["items"]:
        price = item["price"]
        quantity = item["quantity"]
        discount = item.get("discount", 0)
        total += price * quantity - discount
    return total
