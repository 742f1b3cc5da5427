package example;

/** The service's health: 200 when it can answer. */
final class Health {
    private Health() {
    }

    static int status() {
        return 200;
    }
}
