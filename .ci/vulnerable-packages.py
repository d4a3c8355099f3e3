#!/usr/bin/env python3
"""Fails on a known high or critical vulnerability in any NuGet package of the solution, direct or transitive.

Reads the JSON of `dotnet list <solution> package --vulnerable --include-transitive --format json` on stdin (NuGet's
vulnerability data, from the package source), prints every such package with its advisory, and exits 1 when there
is one. Low and moderate findings are listed as warnings.
"""
import json
import sys

BLOCKING = {"high", "critical"}


def findings(report):
    for project in report.get("projects", []):
        for framework in project.get("frameworks", []):
            for kind in ("topLevelPackages", "transitivePackages"):
                for package in framework.get(kind, []):
                    for vulnerability in package.get("vulnerabilities", []):
                        yield project["path"], package, vulnerability


def main():
    report = json.load(sys.stdin)
    for problem in report.get("problems", []):
        print(f"error: {problem.get('project', '')}: {problem.get('text', problem)}")
    if report.get("problems"):
        return 1

    blocking = 0
    for path, package, vulnerability in findings(report):
        severity = vulnerability.get("severity", "").lower()
        level = "error" if severity in BLOCKING else "warning"
        blocking += level == "error"
        version = package.get("resolvedVersion") or package.get("requestedVersion", "")
        print(f"{level}: {path}: {package['id']} {version} has a {severity} vulnerability: {vulnerability.get('advisoryurl', '')}")

    if blocking:
        print(f"{blocking} known high or critical vulnerabilities: update the packages (Directory.Packages.props) and run .ci/run again.")
        return 1
    print("No known high or critical vulnerability in any NuGet package.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
