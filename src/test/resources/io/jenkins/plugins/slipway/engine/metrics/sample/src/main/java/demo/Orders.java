package demo;

import java.util.ArrayList;
import java.util.List;

/** Orders with known problems: an empty catch block, an unused private field, duplicated code. */
public class Orders {
    private int unused;

    public int total(List<Integer> prices) {
        int sum = 0;
        for (int i = 0; i < prices.size(); i++) {
            Integer price = prices.get(i);
            if (price != null && price > 0) {
                sum = sum + price * 2 + (price % 3 == 0 ? 1 : 0) - (price > 100 ? 5 : 0);
            }
        }
        try {
            Thread.sleep(0);
        } catch (InterruptedException e) {
        }
        return sum;
    }

    public int totalAgain(List<Integer> prices) {
        int sum = 0;
        for (int i = 0; i < prices.size(); i++) {
            Integer price = prices.get(i);
            if (price != null && price > 0) {
                sum = sum + price * 2 + (price % 3 == 0 ? 1 : 0) - (price > 100 ? 5 : 0);
            }
        }
        return sum;
    }

    public List<String> names() {
        // a comment line
        return new ArrayList<>();
    }
}
