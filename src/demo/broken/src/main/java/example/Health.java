package example;

/** A deliberately broken build: the health check fails, so the deploy must roll this release back. */
final class Health {
    private Health() {
    }

    static int status() {
        return 500;
    }
}
