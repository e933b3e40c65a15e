package dev.jwtsigner.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as people type them ({@code 3d}, {@code 12h}, {@code 5m}, {@code 90s}, {@code 1h30m}, ISO {@code PT5M}). */
final class Durations implements ITypeConverter<Duration> {

  private static final Pattern PART = Pattern.compile("(\\d+)(d|h|m|s)");
  private static final Pattern WHOLE = Pattern.compile("(\\d+(d|h|m|s))+");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  static Duration parse(String value) {
    String text = value == null ? "" : value.strip();
    if (text.startsWith("P") || text.startsWith("p")) {
      try {
        return Duration.parse(text);
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("'" + text + "' is not a duration; write 3d, 12h, 5m, 90s or 1h30m");
      }
    }
    if (!WHOLE.matcher(text).matches()) {
      throw new TypeConversionException("'" + text + "' is not a duration; write 3d, 12h, 5m, 90s or 1h30m");
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(text);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "d" -> Duration.ofDays(n);
        case "h" -> Duration.ofHours(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofSeconds(n);
      });
    }
    return total;
  }

  /** {@code 2 h 59 min}, {@code 7 d}, {@code 45 s}: the two largest units, for people. */
  static String human(Duration duration) {
    long s = Math.abs(duration.getSeconds());
    long d = s / 86_400;
    long h = (s % 86_400) / 3_600;
    long min = (s % 3_600) / 60;
    long sec = s % 60;
    if (d > 0) {
      return d + " d" + (h > 0 ? " " + h + " h" : "");
    }
    if (h > 0) {
      return h + " h" + (min > 0 ? " " + min + " min" : "");
    }
    if (min > 0) {
      return min + " min" + (sec > 0 ? " " + sec + " s" : "");
    }
    return sec + " s";
  }
}
