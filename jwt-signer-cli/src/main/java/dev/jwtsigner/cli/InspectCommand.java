package dev.jwtsigner.cli;

import dev.jwtsigner.atomic.AtomicPolicy;
import dev.jwtsigner.cli.Options.Platform;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** {@code inspect}: a token decoded and explained, without any key. */
final class InspectCommand extends BaseCommand {

  InspectCommand(JwtSignerCli root) {
    super(root, "inspect",
        "Decode a token without a key: header and claims, times as dates and as 'expires in 2 h 59 min',",
        "the lifetime against the platform's maximum, and warnings (every rule but the signature).",
        "Exit 1 when the token does not decode at all.");
  }

  @Override
  void define(CommandSpec spec) {
    spec.addPositional(parameter("TOKEN|-", "The token, a file holding it, or - for standard input.").build());
    spec.addOption(option("--platform", "atomic|apto", "Whose rules to warn about (default atomic).")
        .type(Platform.class).initialValue(Platform.atomic).build());
    Options.Atomic.addTo(spec);
    Options.Apto.addTo(spec);
    Options.At.addTo(spec);
  }

  @Override
  public Integer call() {
    String t = readToken(parameter());
    Platform platform = value("--platform");
    AtomicPolicy atomic = platform == Platform.atomic ? Options.Atomic.policy(this) : AtomicPolicy.defaults();
    TokenReport report = new TokenReport(platform, atomic, Options.Apto.policy(this), List.of(), Options.At.clock(this));
    Map<String, Object> r = report.explain(t);
    if (json()) {
      printJson(r);
    } else {
      TokenReport.print(out(), r, true);
    }
    return r.get("header") == null && r.get("claims") == null ? Errors.REFUSED : 0;
  }
}
