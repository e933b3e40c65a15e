package dev.jwtsigner.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.security.Security;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The layering ARCHITECTURE.md describes, checked on the compiled main classes of the core and the test kit. */
class LayeringTest {

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      // in `verify` the reactor hands over core's test classes as its -tests.jar, which the option above keeps
      .withImportOption(location -> !location.contains("-tests.jar"))
      .importPackages("dev.jwtsigner");

  @Test
  void internalIsALeafThatSeesNoBuilderAndNoTestKit() {
    noClasses().that().resideInAPackage("dev.jwtsigner.internal..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.jwtsigner.atomic..", "dev.jwtsigner.apto..",
            "dev.jwtsigner.testkit..")
        .check(MAIN);
  }

  @Test
  void internalSeesKeysOnlyWhereItSignsWithASigningKey() {
    noClasses().that().resideInAPackage("dev.jwtsigner.internal..")
        .and().haveNameNotMatching("dev\\.jwtsigner\\.internal\\.(JoseSigner|PreparedSigners|RemoteSignatures)(\\$.*)?")
        .should().dependOnClassesThat().resideInAPackage("dev.jwtsigner.keys..")
        .check(MAIN);
  }

  @Test
  void theRulebooksSeeNeitherKeysNorBuilders() {
    noClasses().that().resideInAPackage("dev.jwtsigner.internal.rules..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.jwtsigner.keys..", "dev.jwtsigner.atomic..",
            "dev.jwtsigner.apto..")
        .check(MAIN);
  }

  @Test
  void keysNeverSeeTheBuilders() {
    noClasses().that().resideInAPackage("dev.jwtsigner.keys..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.jwtsigner.atomic..", "dev.jwtsigner.apto..")
        .check(MAIN);
  }

  @Test
  void thePlatformsNeverSeeEachOther() {
    noClasses().that().resideInAPackage("dev.jwtsigner.atomic..")
        .should().dependOnClassesThat().resideInAPackage("dev.jwtsigner.apto..").check(MAIN);
    noClasses().that().resideInAPackage("dev.jwtsigner.apto..")
        .should().dependOnClassesThat().resideInAPackage("dev.jwtsigner.atomic..").check(MAIN);
  }

  @Test
  void coreNeverSeesTheTestKit() {
    noClasses().that().resideInAPackage("dev.jwtsigner..").and().resideOutsideOfPackage("dev.jwtsigner.testkit..")
        .should().dependOnClassesThat().resideInAPackage("dev.jwtsigner.testkit..")
        .check(MAIN);
  }

  @Test
  void noCodeReadsTheClockItself() {
    noClasses().should().callMethod(Instant.class, "now")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(LocalDate.class, "now")
        .orShould().callMethod(LocalDateTime.class, "now")
        .because("time comes from an InstantSource the caller passes in (a TestClock in tests)")
        .check(MAIN);
  }

  @Test
  void noCodeChangesTheGlobalProviderList() {
    noClasses().should().callMethod(Security.class, "addProvider", java.security.Provider.class)
        .orShould().callMethod(Security.class, "insertProviderAt", java.security.Provider.class, int.class)
        .orShould().callMethod(Security.class, "removeProvider", String.class)
        .because("provider instances are passed where they are needed; global JCA state is never touched")
        .check(MAIN);
  }
}
