package dev.jwtsigner.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * One fuzz input read as a sequence of choices, so that a fuzz target is a plain method of {@code byte[]}: Jazzer
 * saves the raw bytes that found a bug, and a plain JUnit test replays them with no Jazzer at all. Reading past
 * the end gives zeros.
 *
 * <pre>{@code
 * FuzzInput in = new FuzzInput(bytes);
 * String seed = SEEDS.get(in.below(SEEDS.size()));
 * String text = in.restAsText();
 * }</pre>
 */
public final class FuzzInput {

  private final byte[] bytes;
  private int at;

  public FuzzInput(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * The inputs saved for {@code method} of Jazzer fuzz test {@code fuzzTest}, from its resource folder
   * {@code <package>/<Class>Inputs/<method>/} (where Jazzer puts a finding), as (file name, bytes) arguments.
   */
  public static Stream<Arguments> saved(Class<?> fuzzTest, String method) {
    URL folder = fuzzTest.getResource(fuzzTest.getSimpleName() + "Inputs/" + method);
    if (folder == null) {
      return Stream.empty();
    }
    try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
      return files.sorted().map(file -> Arguments.of(file.getFileName().toString(), read(file))).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The next byte, 0 to 255. */
  public int next() {
    return at < bytes.length ? bytes[at++] & 0xff : 0;
  }

  /** A number from 0 to {@code bound - 1} (two bytes' worth), or 0 when {@code bound} is 1 or less. */
  public int below(int bound) {
    int value = next() << 8 | next();
    return bound <= 1 ? 0 : value % bound;
  }

  public boolean nextBoolean() {
    return (next() & 1) == 1;
  }

  /** Up to {@code max} bytes, the count chosen by the input. */
  public byte[] take(int max) {
    int n = Math.min(below(max + 1), bytes.length - at);
    byte[] out = Arrays.copyOfRange(bytes, at, at + Math.max(n, 0));
    at += out.length;
    return out;
  }

  /** Up to {@code max} bytes as UTF-8 text (malformed bytes become U+FFFD). */
  public String text(int max) {
    return new String(take(max), StandardCharsets.UTF_8);
  }

  /** {@code seed} with a span chosen by the input replaced by up to {@code max} bytes of its text. */
  public String splice(String seed, int max) {
    int from = below(seed.length() + 1);
    int to = from + below(seed.length() - from + 1);
    return seed.substring(0, from) + text(max) + seed.substring(to);
  }

  /** The remaining bytes. */
  public byte[] rest() {
    byte[] out = Arrays.copyOfRange(bytes, Math.min(at, bytes.length), bytes.length);
    at = bytes.length;
    return out;
  }

  /** The remaining bytes as UTF-8 text (malformed bytes become U+FFFD). */
  public String restAsText() {
    return new String(rest(), StandardCharsets.UTF_8);
  }

  /** The remaining bytes as UTF-16 code units, two bytes each, lone surrogates included. */
  public String restAsChars() {
    byte[] rest = rest();
    StringBuilder text = new StringBuilder(rest.length / 2);
    for (int i = 0; i + 1 < rest.length; i += 2) {
      text.append((char) ((rest[i] & 0xff) << 8 | rest[i + 1] & 0xff));
    }
    return text.toString();
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
