package org.nestguard.console.web.policies;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.nestguard.console.policy.LineDiff;
import org.nestguard.console.store.PolicyProposal;
import org.nestguard.console.store.PolicyProposals;
import org.nestguard.console.store.PolicyVersion;
import org.nestguard.console.store.Setting;
import org.nestguard.console.store.Settings;
import org.nestguard.console.web.ActingSetting;
import org.nestguard.console.web.PageAccess;
import org.nestguard.console.web.PageRefusal;
import org.nestguard.console.web.PageRenderer;
import org.nestguard.console.web.SignedIn;
import org.nestguard.protocol.policy.Policy;
import org.nestguard.protocol.policy.PolicyException;
import org.nestguard.protocol.policy.PolicyLoader;

/**
 * {@code /policies/edit}: the current YAML in a text area; a submitted change is validated exactly as an import is
 * (the policy loader, and the setting it names), each problem shown in a list and at its line of the text read
 * back, and a valid change with a reason is stored as a proposal waiting for approval.
 */
public final class PolicyEditPage {
    private static final Pattern SETTING_KEY = Pattern.compile("^setting\\s*:.*");
    private static final Pattern ID_KEY = Pattern.compile("^\\s+id\\s*:.*");

    private final Settings settings;
    private final PolicyProposals proposals;
    private final PageRenderer renderer;

    public PolicyEditPage(Settings settings, PolicyProposals proposals, PageRenderer renderer) {
        this.settings = settings;
        this.proposals = proposals;
        this.renderer = renderer;
    }

    /** {@code GET}: the editor holding the current version. */
    public void show(Context ctx) {
        ActingSetting acting = PolicyAccess.acting(ctx, settings, PageAccess.POLICY_PROPOSE, "Proposing a change");
        Setting setting = fresh(acting);
        String yaml = settings.currentPolicy(setting.id()).map(PolicyVersion::yaml).orElse("");
        render(ctx, acting, setting.policyVersion(), yaml, "", List.of(), List.of());
    }

    /** {@code POST}: yaml, reason and baseVersion (the version the editor was opened on). */
    public void submit(Context ctx) {
        ActingSetting acting = PolicyAccess.acting(ctx, settings, PageAccess.POLICY_PROPOSE, "Proposing a change");
        Setting setting = fresh(acting);
        String yaml = ctx.formParam("yaml") == null ? "" : ctx.formParam("yaml").replace("\r\n", "\n");
        String reason = ctx.formParam("reason") == null ? "" : ctx.formParam("reason");
        int current = setting.policyVersion();
        List<PolicyProblem> problems = new ArrayList<>(validate(yaml, setting.id()));
        String currentYaml = settings.currentPolicy(setting.id()).map(PolicyVersion::yaml).orElse("");
        if (problems.isEmpty() && !LineDiff.changes(LineDiff.between(currentYaml, yaml))) {
            problems.add(new PolicyProblem(0, 0, "", "The text is the same as the current version " + current
                    + ": change something before proposing it."));
        }
        String base = ctx.formParam("baseVersion");
        if (base != null && !base.equals(String.valueOf(current))) {
            problems.add(new PolicyProblem(0, 0, "", "The policy changed to version " + current + " while you "
                    + "were editing version " + base + ". Your text is kept below; compare it with version " + current
                    + " on the policies page and submit again."));
        }
        if (reason.isBlank()) {
            problems.add(new PolicyProblem(0, 0, "reason", "is required: say why the policy should change, for "
                    + "the DSL who approves it and the record."));
        }
        if (!problems.isEmpty()) {
            ctx.status(HttpStatus.BAD_REQUEST);
            render(ctx, acting, current, yaml, reason, problems, numbered(yaml, problems));
            return;
        }
        PolicyProposal proposal;
        try {
            proposal = proposals.propose(acting.person(), setting.id(), current, yaml, reason);
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            List<PolicyProblem> refused = List.of(new PolicyProblem(0, 0, "", e.getMessage()));
            render(ctx, acting, current, yaml, reason, refused, numbered(yaml, refused));
            return;
        }
        ctx.redirect(acting.link("/policies/proposals/" + proposal.id()), HttpStatus.SEE_OTHER);
    }

    /** The problems the loader finds (it stops at the first), and a policy for another setting. */
    static List<PolicyProblem> validate(String yaml, String settingId) {
        Policy policy;
        try {
            policy = new PolicyLoader().parse("proposal", yaml);
        } catch (PolicyException e) {
            return List.of(new PolicyProblem(e.line(), e.column(), e.field(), e.problem()));
        }
        if (!policy.setting().id().equals(settingId)) {
            return List.of(new PolicyProblem(settingIdLine(yaml), 0, "setting.id", "is '" + policy.setting().id()
                    + "' but this is the policy of '" + settingId + "'; a setting's policy keeps its own id"));
        }
        return List.of();
    }

    // the line of setting.id in block style, for marking it; 0 when written otherwise
    private static int settingIdLine(String yaml) {
        List<String> lines = LineDiff.lines(yaml);
        boolean inSetting = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (SETTING_KEY.matcher(line).matches()) {
                inSetting = true;
            } else if (inSetting && ID_KEY.matcher(line).matches()) {
                return i + 1;
            } else if (inSetting && !line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                inSetting = false;
            }
        }
        return 0;
    }

    static List<NumberedLine> numbered(String yaml, List<PolicyProblem> problems) {
        List<String> lines = LineDiff.lines(yaml);
        List<NumberedLine> numbered = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            numbered.add(new NumberedLine(number, lines.get(i), problems.stream()
                    .filter(problem -> problem.line() == number).toList()));
        }
        // a problem past the last line (an unterminated block) is shown at the end
        int last = lines.size();
        List<PolicyProblem> beyond = problems.stream().filter(problem -> problem.line() > last).toList();
        if (!beyond.isEmpty()) {
            numbered.add(new NumberedLine(last + 1, "", beyond));
        }
        return numbered;
    }

    private Setting fresh(ActingSetting acting) {
        return settings.find(acting.id()).orElseThrow(() -> new PageRefusal(404, "No such setting", "The setting '"
                + acting.id() + "' no longer exists."));
    }

    private void render(Context ctx, ActingSetting acting, int baseVersion, String yaml, String reason,
                        List<PolicyProblem> problems, List<NumberedLine> lines) {
        Map<String, Object> page = new HashMap<>();
        page.put("navigation", SignedIn.of(ctx).navigation(ctx));
        page.put("acting", acting);
        page.put("baseVersion", baseVersion);
        page.put("yaml", yaml);
        page.put("reason", reason);
        page.put("problems", problems);
        page.put("lines", lines);
        renderer.render(ctx, "policies/edit.jte", page);
    }
}
