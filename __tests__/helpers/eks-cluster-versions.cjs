// EKS DescribeClusterVersions' list (GET /cluster-versions, REST-JSON; EKS API reference: DescribeClusterVersions,
// ClusterVersionInformation) from a fake account's versions, for both fakes that answer it: the plan tests' endpoint
// (fake-aws-endpoint.cjs, which runs on node without a TypeScript loader) and the apply tests' additions to moto
// (eks-missing-apis.ts). Unsupported versions only with includeAll, as EKS does.
"use strict";

const epoch = (day) => Date.parse(`${day}T00:00:00Z`) / 1000;

function clusterVersions(eksVersions, includeAll) {
  return eksVersions
    .filter((entry) => includeAll || entry.status !== "UNSUPPORTED")
    .map((entry) => ({
      clusterVersion: entry.version,
      clusterType: "eks",
      defaultPlatformVersion: "eks.1",
      defaultVersion: false,
      releaseDate: epoch(entry.released),
      endOfStandardSupportDate: epoch(entry.endOfStandardSupport),
      endOfExtendedSupportDate: epoch(entry.endOfExtendedSupport),
      kubernetesPatchVersion: `${entry.version}.1`,
      versionStatus: entry.status,
    }));
}

module.exports = { clusterVersions };
