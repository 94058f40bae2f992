package archfixture.internal;

/** Stands in for a module's internal repository in the architecture tests' deliberate violations. */
public class SomeRepository {

    public long count() {
        return 0;
    }
}
