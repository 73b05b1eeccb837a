/**
 * A deployment step (`deploymentSteps` in `shared/topology.ts`) as a CloudFormation custom
 * resource: the `aws-cdk-lib/custom-resources` Provider framework invokes the step's function
 * (an {@link AppFunction}) with Create, Update and Delete events; CloudFormation sends an Update
 * whenever the properties change. The framework's own function gets what every function of the
 * project gets: its own role (invoke the step's function, write its log group, nothing else), a
 * KMS-encrypted log group kept as long as the others, and tracing as configured.
 */
import { CustomResource, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { CfnFunction, type Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { DeploymentStepSpec } from '#shared/topology.ts';
import { acknowledge, securityAcknowledgments, type SecurityAcknowledgment } from '../security-acknowledgments.ts';
import { iamDescription, type AppFunction } from './app-function.ts';

/** Memory of the provider framework function (MiB). */
export const frameworkMemoryMiB = 128;

/** Properties of a {@link DeploymentStep}. */
export interface DeploymentStepProps {
  readonly step: DeploymentStepSpec;
  /** The step's function, as the topology declares it. */
  readonly handler: AppFunction;
  /** The custom resource's properties, built from the deployment configuration. */
  readonly properties: Record<string, unknown>;
  /** Deployment prefix; the framework function is `<prefix>-<step>-provider`. */
  readonly prefix: string;
  readonly logEncryptionKey: IKey;
  readonly logRetention: RetentionDays;
  readonly tracing: boolean;
}

/**
 * The acknowledged finding that the framework may invoke the step function's versions (`:*`).
 * cdk-nag names the function by its logical id, so the catalogue holds one entry per step; a step
 * without one, or a renamed function, stops synthesis here rather than with an unexplained finding.
 */
function invokeAcknowledgment(handler: AppFunction): SecurityAcknowledgment {
  const logicalId = Stack.of(handler).resolve(Stack.of(handler).getLogicalId(handler.function.node.defaultChild as CfnFunction)) as string;
  const id = `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`;
  const found = Object.values(securityAcknowledgments).find((candidate: SecurityAcknowledgment) => candidate.id === id);
  if (found === undefined) {
    throw new Error(`no acknowledgment ${id} in security-acknowledgments.ts for the provider framework of ${handler.spec.name}`);
  }
  return found;
}

/** One deployment step: provider framework, its role and log group, and the custom resource. */
export class DeploymentStep extends Construct {
  readonly resource: CustomResource;
  readonly frameworkFunction: LambdaFunction;

  constructor(scope: Construct, id: string, props: DeploymentStepProps) {
    super(scope, id);
    const functionName = `${props.prefix}-${props.step.name}-provider`;
    const logGroup = new LogGroup(this, 'LogGroup', {
      logGroupName: `/aws/lambda/${functionName}`,
      encryptionKey: props.logEncryptionKey,
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: iamDescription(
        `Provider framework of the deployment step ${props.step.name}: invokes ${props.handler.function.functionName} and writes its own log group, nothing else`,
      ),
    });
    logGroup.grantWrite(role);

    const provider = new Provider(this, 'Provider', {
      onEventHandler: props.handler.function,
      frameworkOnEventRole: role,
      logGroup,
      providerFunctionName: functionName,
    });
    this.frameworkFunction = provider.node.findChild('framework-onEvent') as LambdaFunction;
    const cfnFunction = this.frameworkFunction.node.defaultChild as CfnFunction;
    // It only forwards the event to the step function and waits: the smallest size, stated.
    cfnFunction.memorySize = frameworkMemoryMiB;
    if (props.tracing) {
      cfnFunction.tracingConfig = { mode: 'Active' };
      role.addToPrincipalPolicy(
        new PolicyStatement({ effect: Effect.ALLOW, actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }),
      );
    } else {
      acknowledge(this.frameworkFunction, securityAcknowledgments.noLambdaTracingInChina);
    }
    acknowledge(role, invokeAcknowledgment(props.handler));
    if (props.tracing) acknowledge(role, securityAcknowledgments.xrayNeedsAllResources);
    acknowledge(this.frameworkFunction, securityAcknowledgments.providerFrameworkSynchronous);

    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: props.step.resourceType,
      properties: props.properties,
    });
  }
}
