package dev.jwtsigner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.Violation.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code docs/errors.md} has one table row per {@link Reason} and per {@link Rule}, and no other. */
class ReadmeErrorTableTest {

  private static final Pattern ROW = Pattern.compile("^\\| `([A-Z_]+)` \\|(.*)\\|$");

  @Test
  void everyReasonHasARowSayingWhatItMeansAndWhatToDo() throws IOException {
    List<String> rows = tableRows(0);
    assertThat(rows).containsExactlyInAnyOrderElementsOf(Arrays.stream(Reason.values()).map(Enum::name).toList());
  }

  @Test
  void everyViolationRuleHasARowSayingWhatToDo() throws IOException {
    List<String> rows = tableRows(1);
    assertThat(rows).containsExactlyInAnyOrderElementsOf(Arrays.stream(Rule.values()).map(Enum::name).toList());
  }

  /** The first-column names of table {@code index} of docs/errors.md, each row with text in every cell. */
  private static List<String> tableRows(int index) throws IOException {
    String section = Files.readString(Path.of(System.getProperty("jwtsigner.root"), "docs", "errors.md"));
    assertThat(section).as("docs/errors.md").startsWith("# Errors\n");
    String[] tables = section.split("\n\n");
    List<List<String>> found = Arrays.stream(tables)
        .map(block -> block.lines().map(ROW::matcher).filter(Matcher::matches)
            .peek(m -> assertThat(m.group(2).split("\\|")).as("cells of %s", m.group(1)).allMatch(c -> !c.isBlank()))
            .map(m -> m.group(1)).toList())
        .filter(names -> !names.isEmpty())
        .toList();
    assertThat(found).as("tables in docs/errors.md").hasSize(2);
    return found.get(index);
  }
}
