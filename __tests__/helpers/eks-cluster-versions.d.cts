import type { FakeEksVersion } from "./fake-aws-endpoint";

/** One entry of EKS DescribeClusterVersions' `clusterVersions`, dates in epoch seconds. */
export interface ClusterVersionInformation {
  readonly clusterVersion: string;
  readonly clusterType: "eks";
  readonly defaultPlatformVersion: string;
  readonly defaultVersion: boolean;
  readonly releaseDate: number;
  readonly endOfStandardSupportDate: number;
  readonly endOfExtendedSupportDate: number;
  readonly kubernetesPatchVersion: string;
  readonly versionStatus: FakeEksVersion["status"];
}

/** The versions EKS offers, as DescribeClusterVersions lists them: unsupported ones only with `includeAll`. */
export declare function clusterVersions(eksVersions: readonly FakeEksVersion[], includeAll: boolean): ClusterVersionInformation[];
