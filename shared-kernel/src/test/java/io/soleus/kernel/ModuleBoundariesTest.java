package io.soleus.kernel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The published language stands on plain Java and Jackson: no framework a consumer would have to share. */
@AnalyzeClasses(packages = "io.soleus.kernel", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

    @ArchTest
    static final ArchRule depends_on_no_framework = classes().that().resideInAPackage("io.soleus.kernel..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson..", "io.soleus.kernel..")
            .because("shared-kernel is the contract every service and integrator reads, with no Spring, Axon or Kafka in it");
}
