package io.soleus.platform.test;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the shared test infrastructure before the first test class that needs it and stops it when
 * the whole test run ends (JUnit's root store, not a shutdown hook that races temp-dir cleanup).
 */
public class SoleusInfrastructureExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SoleusInfrastructure.class.getName(),
                        key -> new Closer(SoleusInfrastructure.get()));
    }

    private record Closer(SoleusInfrastructure infrastructure) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            SoleusInfrastructureInitializer.closeContexts(); // Spring's cache would close them only at JVM exit
            infrastructure.close();
        }
    }
}
