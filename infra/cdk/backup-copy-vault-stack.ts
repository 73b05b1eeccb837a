/**
 * The backup vault in the copy region (Beijing ↔ Ningxia in AWS China): every recovery point of
 * the main region's plan is copied here, under a key of this region. Deployed before the
 * stateful stack, whose copy actions name this vault by ARN.
 */
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { BackupVault } from 'aws-cdk-lib/aws-backup';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { DeploymentConfig } from './deployment-config.ts';
import { recoveryPointProtection } from './stateful-stack.ts';

/** Name of the copy-region vault of a deployment (the stateful stack builds its ARN from it). */
export const copyVaultName = (prefix: string): string => `${prefix}-backup-copy`;

/** Properties of a {@link BackupCopyVaultStack}. */
export interface BackupCopyVaultStackProps extends StackProps {
  readonly prefix: string;
  /** The deployment's backup settings: the copies are protected like the originals. */
  readonly config: Pick<DeploymentConfig, 'backup' | 'retention'>;
}

/** A KMS key (rotation on) and the vault that receives the copies. */
export class BackupCopyVaultStack extends Stack {
  readonly vault: BackupVault;
  readonly key: Key;

  constructor(scope: Construct, id: string, props: BackupCopyVaultStackProps) {
    super(scope, id, props);
    this.key = new Key(this, 'Key', {
      alias: `alias/${props.prefix}-backup-copy`,
      description: `Encrypts the copied recovery points of ${props.prefix}`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.vault = new BackupVault(this, 'Vault', {
      backupVaultName: copyVaultName(props.prefix),
      encryptionKey: this.key,
      removalPolicy: RemovalPolicy.RETAIN,
      ...recoveryPointProtection(props.config),
    });
  }
}
