package dev.jwtsigner.cli;

import dev.jwtsigner.atomic.AtomicPolicy;
import dev.jwtsigner.cli.Options.Platform;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code inspect}: a token decoded and explained, without any key. */
@Command(name = "inspect", sortOptions = false,
    description = {"Decode a token without a key: header and claims, times as dates and as 'expires in 2 h 59 min',",
        "the lifetime against the platform's maximum, and warnings (every rule but the signature).",
        "Exit 1 when the token does not decode at all."})
final class InspectCommand extends BaseCommand {

  @Parameters(paramLabel = "TOKEN|-", description = "The token, a file holding it, or - for standard input.")
  String token;

  @Option(names = "--platform", paramLabel = "atomic|apto", description = "Whose rules to warn about (default atomic).")
  Platform platform = Platform.atomic;

  @Mixin
  Options.Atomic policy;

  @Mixin
  Options.Apto limits;

  @Mixin
  Options.At at;

  @Override
  public Integer call() {
    String t = readToken(token);
    AtomicPolicy atomic = platform == Platform.atomic ? policy.policy() : AtomicPolicy.defaults();
    TokenReport report = new TokenReport(platform, atomic, limits.policy(), List.of(), at.clock(context()));
    Map<String, Object> r = report.explain(t);
    if (json()) {
      printJson(r);
    } else {
      TokenReport.print(out(), r, true);
    }
    return r.get("header") == null && r.get("claims") == null ? Errors.REFUSED : 0;
  }
}
