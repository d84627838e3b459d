package io.labvisor.project;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * How the packages under {@code io.labvisor} stand on each other (main code only). From the top:
 * <ul>
 *   <li>the processes: {@code client}, the thin {@code labvisor} command (java.base and the wire format only), and
 *   {@code daemon}, labvisord, which opens the doors;</li>
 *   <li>the doors, {@code cli} and {@code api}: how a person or an EC2 client reaches labvisor;</li>
 *   <li>{@code operation}, the EC2 operations both doors call: typed requests and responses over the services
 *   (each door only parses into a request and renders a response);</li>
 *   <li>the tools the command line runs over a whole labvisor, {@code bench} and {@code explain} (both take a
 *   {@link io.labvisor.Labvisor});</li>
 *   <li>the composition root, {@link io.labvisor.Labvisor} (the package {@code io.labvisor} itself);</li>
 *   <li>{@code control}, the control loop (events, reconciliation, the sweep);</li>
 *   <li>{@code compute}, the instances, which put the other services together;</li>
 *   <li>the other services: volumes, images, networks, metadata, the offload cards, tags, keys, the accelerator;</li>
 *   <li>the model and infrastructure below them all: EC2's vocabulary, the catalog, the host, libvirt and its
 *   XML, the store, the console, files and configuration.</li>
 * </ul>
 * A package may use those below it and those beside it, never one above; and no two packages use each other,
 * even through others.
 *
 * <p>ArchUnit reads the compiled classes, so it does not see a use of another package's compile-time constant (a
 * {@code static final} String or number, which javac copies into the user): {@code volume}, {@code net} and
 * {@code imds} once used {@code compute} only for {@code Placement}'s zone and region this way, unseen here.
 */
@AnalyzeClasses(packages = "io.labvisor", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule topLevelPackagesHaveNoCycles = slices().matching("io.labvisor.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Client").definedBy("io.labvisor.client..")
            .layer("Daemon").definedBy("io.labvisor.daemon..")
            .layer("Doors").definedBy("io.labvisor.cli..", "io.labvisor.api..")
            .layer("Operations").definedBy("io.labvisor.operation..")
            .layer("Tools").definedBy("io.labvisor.bench..", "io.labvisor.explain..")
            .layer("Composition root").definedBy("io.labvisor")
            .layer("Control").definedBy("io.labvisor.control..")
            .layer("Compute").definedBy("io.labvisor.compute..")
            .layer("Services").definedBy("io.labvisor.volume..", "io.labvisor.image..", "io.labvisor.net..",
                    "io.labvisor.imds..", "io.labvisor.card..", "io.labvisor.tag..", "io.labvisor.iam..",
                    "io.labvisor.accel..")
            .layer("Model and infrastructure").definedBy("io.labvisor.ec2..", "io.labvisor.catalog..",
                    "io.labvisor.host..", "io.labvisor.domain..", "io.labvisor.virtxml..", "io.labvisor.virt..",
                    "io.labvisor.store..", "io.labvisor.console..", "io.labvisor.files..", "io.labvisor.config..",
                    "io.labvisor.process..")

            .whereLayer("Client").mayNotBeAccessedByAnyLayer()
            .whereLayer("Daemon").mayOnlyBeAccessedByLayers("Client")
            .whereLayer("Doors").mayOnlyBeAccessedByLayers("Daemon")
            .whereLayer("Operations").mayOnlyBeAccessedByLayers("Daemon", "Doors")
            .whereLayer("Tools").mayOnlyBeAccessedByLayers("Daemon", "Doors")
            .whereLayer("Composition root").mayOnlyBeAccessedByLayers("Daemon", "Doors", "Operations", "Tools")
            .whereLayer("Control").mayOnlyBeAccessedByLayers("Daemon", "Doors", "Operations", "Tools",
                    "Composition root")
            .whereLayer("Compute").mayOnlyBeAccessedByLayers("Daemon", "Doors", "Operations", "Tools",
                    "Composition root", "Control")
            .whereLayer("Services").mayOnlyBeAccessedByLayers("Daemon", "Doors", "Operations", "Tools",
                    "Composition root", "Control", "Compute")
            .whereLayer("Model and infrastructure").mayOnlyBeAccessedByLayers("Daemon", "Doors", "Operations",
                    "Tools", "Composition root", "Control", "Compute", "Services")
            // a new package has to be placed in a layer before it can be used
            .ensureAllClassesAreContainedInArchitecture();

    /** The thin client stays thin: nothing but the daemon's wire format (and, for {@code serve}, its main). */
    @ArchTest
    static final ArchRule theClientUsesOnlyTheWireFormat = noClasses().that().resideInAPackage("io.labvisor.client..")
            .should().dependOnClassesThat().resideInAnyPackage("io.labvisor.cli..", "io.labvisor.api..",
                    "io.labvisor.store..", "io.labvisor.virt..", "org.libvirt..", "org.sqlite..", "picocli..",
                    "com.fasterxml..");

    @ArchTest
    static final ArchRule nothingBelowTheDoorsUsesThem = noClasses()
            .that().resideOutsideOfPackages("io.labvisor.cli..", "io.labvisor.api..", "io.labvisor.daemon..",
                    "io.labvisor.client..")
            .should().dependOnClassesThat().resideInAnyPackage("io.labvisor.cli..", "io.labvisor.api..");
}
