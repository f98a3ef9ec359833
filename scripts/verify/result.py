"""What one check found: passed, failed or skipped, with its counts, problems and notices."""
from dataclasses import dataclass, field

PASSED, FAILED, SKIPPED = "passed", "failed", "skipped"
MAX_SHOWN = 60  # problem lines shown per check; the rest are counted


@dataclass
class CheckResult:
    key: str          # a, b, c ... as in the brief
    title: str
    status: str = PASSED
    summary: str = ""
    problems: list = field(default_factory=list)
    notices: list = field(default_factory=list)
    seconds: float = 0.0

    def fail(self, message):
        self.problems.append(message)

    def finish(self, summary, skipped=False):
        self.summary = summary
        if self.problems:
            self.status = FAILED
        elif skipped:
            self.status = SKIPPED
        else:
            self.status = PASSED
        return self

    def render(self):
        lines = [f"[{self.key}] {self.title}: {self.status} ({self.summary}) [{self.seconds:.1f} s]"]
        shown = 0
        for p in self.problems:
            if shown >= MAX_SHOWN:
                lines.append(f"      ... and {len(self.problems) - shown} more problem(s)")
                break
            first, *rest = p.split("\n")
            lines.append(f"    - {first}")
            lines.extend(f"        {r}" for r in rest)
            shown += 1
        for n in self.notices:
            lines.append(f"    notice: {n}")
        return "\n".join(lines)
