package shop;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Whether PMD sees that copy() overrides a library method depends on the classpath it resolves types with. */
public class ShopMapper extends ObjectMapper {
    private static final long serialVersionUID = 1L;

    public ObjectMapper copy() {
        return new ShopMapper();
    }

    public String toString() {
        return "ShopMapper";
    }

    public boolean empty(List<String> items) {
        List<String> copy = new ArrayList<>(items);
        return copy.size() == 0;
    }
}
