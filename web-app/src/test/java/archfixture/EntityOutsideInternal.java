package archfixture;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/**
 * A deliberate violation (test sources only; outside {@code org.gridgov}, so no application context maps it): an
 * entity outside a module's {@code internal} package.
 */
@Entity
public class EntityOutsideInternal {

    @Id
    Long id;
}
