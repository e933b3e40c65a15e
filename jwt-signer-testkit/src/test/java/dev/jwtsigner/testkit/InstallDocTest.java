package dev.jwtsigner.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/install.md, the README's Install section and every example's README say what the build does: the one
 * install command, the version the build makes, the JUnit and AssertJ versions it tests the kit with, and the
 * measured sizes of Bouncy Castle and the core's other dependencies (the jars on this test's class path).
 */
class InstallDocTest {

  static final String INSTALL_COMMAND = "./mvnw -B -q -Dquick -DskipTests install";
  private static final Path ROOT = Path.of(System.getProperty("jwtsigner.root", ".."));
  private static final Pattern OUR_VERSION = Pattern.compile(
      "<artifactId>jwt-signer-[a-z-]+</artifactId>\\s*<version>([^<]+)</version>|\"dev\\.jwtsigner:jwt-signer-[a-z-]+:([^\"]+)\"");

  private static String read(String relative) throws IOException {
    return Files.readString(ROOT.resolve(relative));
  }

  private static String readmeInstallSection() throws IOException {
    String readme = read("README.md");
    int start = readme.indexOf("\n## Install\n");
    assertThat(start).as("README.md has an Install section").isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  @Test
  void everyInstallTextGivesTheSameCommandAndLinksTheInstallPage() throws IOException {
    assertThat(read("docs/install.md")).contains("\n" + INSTALL_COMMAND + "\n");
    assertThat(readmeInstallSection()).contains("`" + INSTALL_COMMAND + "`").contains("(docs/install.md)");
    List<Path> examples;
    try (Stream<Path> dirs = Files.list(ROOT.resolve("examples"))) {
      examples = dirs.map(d -> d.resolve("README.md")).filter(Files::isRegularFile).sorted().toList();
    }
    assertThat(examples).isNotEmpty();
    for (Path readme : examples) {
      assertThat(Files.readString(readme)).as(readme.toString())
          .contains("`" + INSTALL_COMMAND + "`").contains("(../../docs/install.md)");
    }
  }

  @Test
  void theCoordinatesCarryTheVersionTheBuildMakes() throws IOException {
    String version = System.getProperty("jwtsigner.version");
    for (String text : List.of(read("docs/install.md"), readmeInstallSection())) {
      List<String> found = new ArrayList<>();
      Matcher m = OUR_VERSION.matcher(text);
      while (m.find()) {
        found.add(m.group(1) != null ? m.group(1) : m.group(2));
      }
      assertThat(found).isNotEmpty().allMatch(version::equals);
    }
    assertThat(read("docs/install.md")).contains("(`" + version + "`)", "<version>" + version + "</version>");
  }

  @Test
  void theJunitAndAssertjVersionsAreTheOnesTheBuildTestsWith() throws IOException {
    String install = read("docs/install.md");
    String junit6 = System.getProperty("jwtsigner.junit.version");
    String junit5 = System.getProperty("jwtsigner.junit5.version");
    String assertj = System.getProperty("jwtsigner.assertj.version");
    assertThat(install).contains("tests the kit on " + junit5 + " and " + junit6, "| AssertJ | " + assertj + " ");
    assertThat(readmeInstallSection()).contains("AssertJ " + assertj);
    assertThat(install).contains("`bcutil-jdk18on`, " + System.getProperty("jwtsigner.bouncycastle.version") + ")");
  }

  @Test
  void theFootprintTableHasTheSizesOfTheJarsOnTheClassPath() throws IOException {
    long bcprov = jar("bcprov-jdk18on-");
    long bcpkix = jar("bcpkix-jdk18on-");
    long bcutil = jar("bcutil-jdk18on-");
    long nimbus = jar("nimbus-jose-jwt-");
    long jackson = jar("jackson-core-");
    String install = read("docs/install.md");

    assertThat(install).as("Bouncy Castle's sizes in docs/install.md").contains("| of which Bouncy Castle | " + mb(bcprov + bcpkix + bcutil, 1) + " MB (`bcprov` "
        + mb(bcprov, 1) + ", `bcpkix` " + mb(bcpkix, 1) + ", `bcutil` " + mb(bcutil, 1) + ") | none |");
    assertThat(install).contains("nimbus-jose-jwt " + mb(nimbus, 2) + " MB", "jackson-core " + mb(jackson, 2) + " MB");

    // the core's own jar is stated too; its size is checked when the reactor put the jar (not classes) here
    Matcher core = Pattern.compile("jwt-signer-core about ([0-9.]+) MB").matcher(install);
    assertThat(core.find()).isTrue();
    long coreBytes = classPathJar("jwt-signer-core-").map(File::length).orElse(Math.round(Double.parseDouble(core.group(1)) * 1e6));
    String fix = "the footprint in docs/install.md and the README's Install section: remeasured, update them";
    assertThat(core.group(1)).as(fix).isEqualTo(mb(coreBytes, 1));
    assertThat(install).as(fix).contains("| run-time jars (core and its dependencies) | "
        + mb(coreBytes + nimbus + jackson + bcprov + bcpkix + bcutil, 1) + " MB | " + mb(coreBytes + nimbus + jackson, 1) + " MB |");
    assertThat(readmeInstallSection()).as(fix).contains("(" + mb(coreBytes + nimbus + jackson + bcprov + bcpkix + bcutil, 1)
        + " MB → " + mb(coreBytes + nimbus + jackson, 1) + " MB)");
  }

  private static String mb(long bytes, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", bytes / 1e6);
  }

  private static long jar(String prefix) {
    return classPathJar(prefix).orElseThrow(() -> new AssertionError("no " + prefix + "*.jar on the class path")).length();
  }

  private static Optional<File> classPathJar(String prefix) {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Stream.of(classPath.split(File.pathSeparator))
        .map(File::new)
        .filter(f -> f.isFile() && f.getName().startsWith(prefix) && f.getName().endsWith(".jar")
            && !f.getName().contains("-tests") && !f.getName().contains("-sources"))
        .findFirst();
  }
}
