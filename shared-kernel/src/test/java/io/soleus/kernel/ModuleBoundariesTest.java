package io.soleus.kernel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The published language stands on plain Java and Jackson: no framework a consumer would have to share. */
@AnalyzeClasses(packages = "io.soleus.kernel", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

    @ArchTest
    static final ArchRule knows_no_framework_of_the_services = noClasses().that().resideInAPackage("io.soleus.kernel..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..",
                    "org.apache.kafka..", "jakarta..", "io.cloudevents..")
            .because("services and integrators read the contracts without sharing Spring, Axon, Kafka or CloudEvents");

    @ArchTest
    static final ArchRule depends_on_java_and_jackson_only = classes().that().resideInAPackage("io.soleus.kernel..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson..", "io.soleus.kernel..")
            .because("shared-kernel is the contract every service and integrator reads, with no Spring, Axon or Kafka in it");
}
