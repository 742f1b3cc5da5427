// Cart helpers with known problems.
function sum(items) {
    var total = 0;
    for (var i = 0; i < items.length; i++) {
        if (items[i].price != null && items[i].qty > 0) {
            total = total + items[i].price * items[i].qty - (items[i].discount || 0);
        }
    }
    return total;
}

function sumAgain(items) {
    var total = 0;
    for (var i = 0; i < items.length; i++) {
        if (items[i].price != null && items[i].qty > 0) {
            total = total + items[i].price * items[i].qty - (items[i].discount || 0);
        }
    }
    return total;
}

function check(x) {
    if (x == 1) {
        return true;
    }
}
