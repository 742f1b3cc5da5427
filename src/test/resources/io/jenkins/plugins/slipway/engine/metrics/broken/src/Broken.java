public class Broken {
    public void m( {
        int x = ;
    }
