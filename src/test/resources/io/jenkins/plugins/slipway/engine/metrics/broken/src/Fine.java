public class Fine {
    public int one() {
        return 1;
    }
}
