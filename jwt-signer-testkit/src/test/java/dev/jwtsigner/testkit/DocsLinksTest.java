package dev.jwtsigner.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of the root README.md, ARCHITECTURE.md and the {@code docs/*.md} pages points at a file
 * or folder of the repository, and every {@code docs/} page is linked from the README, so a page that moves or
 * is renamed cannot leave a dead link or an orphan behind.
 */
class DocsLinksTest {

  private static final Path ROOT = Path.of(System.getProperty("jwtsigner.root", "..")).toAbsolutePath().normalize();
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  @Test
  void everyRelativeLinkPointsAtAFileOfTheRepository() throws IOException {
    List<String> dead = new ArrayList<>();
    for (Path page : pages()) {
      Matcher link = LINK.matcher(Files.readString(page));
      while (link.find()) {
        String target = link.group(1);
        if (target.matches("^[a-z]+:.*") || target.startsWith("#")) {
          continue;
        }
        String file = target.replaceAll("#.*$", "");
        if (!Files.exists(page.getParent().resolve(file).normalize())) {
          dead.add(ROOT.relativize(page) + " -> " + target);
        }
      }
    }
    assertThat(dead).as("dead relative links").isEmpty();
  }

  @Test
  void theReadmeLinksEveryDocsPage() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      assertThat(docs.map(p -> "docs/" + p.getFileName()).filter(p -> p.endsWith(".md")))
          .allSatisfy(page -> assertThat(readme).as("README links %s", page).contains("(" + page + ")"));
    }
  }

  private static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    if (Files.exists(ROOT.resolve("ARCHITECTURE.md"))) {
      pages.add(ROOT.resolve("ARCHITECTURE.md"));
    }
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }
}
