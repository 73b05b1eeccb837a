/**
 * Resolves the CloudFormation intrinsics of synthesized templates (`Ref`, `Fn::GetAtt`,
 * `Fn::Join`, `Fn::Sub`, `Fn::ImportValue`, `Fn::Select`, `Fn::Split`) to the names and ARNs the
 * resources have in the local runtime, the way CloudFormation resolves them at deployment. The
 * local runtime reads function environments, IAM policies, key policies and queue policies from
 * the templates through this, so what runs locally is what CDK deploys.
 */
import { createHash } from 'node:crypto';

/** A CloudFormation template as CDK synthesizes it (only what is read here). */
export interface CloudFormationTemplate {
  readonly Resources?: Readonly<Record<string, CloudFormationResource>>;
  readonly Outputs?: Readonly<Record<string, { readonly Value: unknown; readonly Export?: { readonly Name: unknown } }>>;
}

export interface CloudFormationResource {
  readonly Type: string;
  readonly Properties?: Readonly<Record<string, unknown>>;
}

/** One stack of a deployment: its physical name and template. */
export interface SynthesizedStack {
  readonly stackName: string;
  readonly template: CloudFormationTemplate;
}

/** Where the local runtime pretends to be deployed, and its endpoints. */
export interface LocalEnvironment {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  /** `http://127.0.0.1:<port>` of the local SQS endpoint: queue URLs are built on it. */
  readonly sqsEndpoint: string;
}

/** A value CloudFormation could not resolve here: an unknown intrinsic or a missing resource. */
export class UnresolvableTemplateValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnresolvableTemplateValueError';
  }
}

const longestRoleName = 64;

/** The key id (a UUID) a local KMS key gets, stable across restarts for the same stack and logical id. */
export const localKeyId = (stackName: string, logicalId: string): string => {
  const hex = createHash('sha256').update(`${stackName}/${logicalId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/** The name CloudFormation generates for a role without `RoleName`: `<stack>-<logicalId>-<suffix>`, at most 64 characters. */
const generatedRoleName = (stackName: string, logicalId: string): string => {
  const suffix = createHash('sha256').update(`${stackName}/${logicalId}`).digest('hex').slice(0, 12).toUpperCase();
  const head = `${stackName}-${logicalId}`.slice(0, longestRoleName - suffix.length - 1);
  return `${head}-${suffix}`;
};

/**
 * Resolves values of a set of stacks deployed together. Attribute and reference values of each
 * resource type follow CloudFormation's documented return values; resources the local runtime
 * does not stand in for still get a well-formed ARN naming their logical id, so a policy that
 * names them resolves (nothing local ever calls them).
 */
export class CloudFormationResolver {
  readonly #stacks: ReadonlyMap<string, SynthesizedStack>;
  readonly #exports = new Map<string, { readonly stack: SynthesizedStack; readonly value: unknown }>();
  readonly #environment: LocalEnvironment;

  constructor(stacks: readonly SynthesizedStack[], environment: LocalEnvironment) {
    this.#stacks = new Map(stacks.map((stack) => [stack.stackName, stack]));
    this.#environment = environment;
    for (const stack of stacks) {
      for (const output of Object.values(stack.template.Outputs ?? {})) {
        if (output.Export === undefined) continue;
        const name = this.resolve(stack, output.Export.Name);
        if (typeof name === 'string') this.#exports.set(name, { stack, value: output.Value });
      }
    }
  }

  get environment(): LocalEnvironment {
    return this.#environment;
  }

  stack(stackName: string): SynthesizedStack {
    const stack = this.#stacks.get(stackName);
    if (!stack) throw new UnresolvableTemplateValueError(`no stack named ${stackName}`);
    return stack;
  }

  /** Every resource of a type, across the stacks. */
  resourcesOfType(type: string): { readonly stack: SynthesizedStack; readonly logicalId: string; readonly resource: CloudFormationResource }[] {
    const found: { stack: SynthesizedStack; logicalId: string; resource: CloudFormationResource }[] = [];
    for (const stack of this.#stacks.values()) {
      for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
        if (resource.Type === type) found.push({ stack, logicalId, resource });
      }
    }
    return found;
  }

  /** Resolves every intrinsic inside a value (objects and arrays deeply). */
  resolve(stack: SynthesizedStack, value: unknown): unknown {
    if (Array.isArray(value)) return value.map((item) => this.resolve(stack, item));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1) {
      const [name, argument] = entries[0]!;
      if (name === 'Ref') return this.#ref(stack, String(argument));
      if (name.startsWith('Fn::')) return this.#function(stack, name, argument);
    }
    return Object.fromEntries(entries.map(([key, item]) => [key, this.resolve(stack, item)]));
  }

  /** Resolves a value that must come out as text. */
  resolveString(stack: SynthesizedStack, value: unknown): string {
    const resolved = this.resolve(stack, value);
    if (typeof resolved !== 'string' && typeof resolved !== 'number') {
      throw new UnresolvableTemplateValueError(`expected text, got ${JSON.stringify(resolved)}`);
    }
    return String(resolved);
  }

  #function(stack: SynthesizedStack, name: string, argument: unknown): unknown {
    switch (name) {
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = Array.isArray(argument) ? argument : String(argument).split('.');
        return this.#attribute(stack, String(logicalId), String(attribute));
      }
      case 'Fn::Join': {
        const [separator, parts] = argument as [string, unknown[]];
        const resolved = this.resolve(stack, parts);
        if (!Array.isArray(resolved)) throw new UnresolvableTemplateValueError('Fn::Join needs a list');
        return resolved.map(String).join(separator);
      }
      case 'Fn::ImportValue': {
        const exportName = this.resolveString(stack, argument);
        const exported = this.#exports.get(exportName);
        if (!exported) throw new UnresolvableTemplateValueError(`no stack exports ${exportName}`);
        return this.resolve(exported.stack, exported.value);
      }
      case 'Fn::Select': {
        const [index, list] = argument as [unknown, unknown];
        const resolved = this.resolve(stack, list);
        if (!Array.isArray(resolved)) throw new UnresolvableTemplateValueError('Fn::Select needs a list');
        return resolved[Number(this.resolve(stack, index))];
      }
      case 'Fn::Split': {
        const [separator, text] = argument as [string, unknown];
        return this.resolveString(stack, text).split(separator);
      }
      case 'Fn::Sub': {
        const [text, variables] = Array.isArray(argument) ? (argument as [string, Record<string, unknown>]) : [String(argument), {}];
        return text.replace(/\$\{([^}!][^}]*)\}/g, (_match, reference: string) => {
          if (reference in variables) return this.resolveString(stack, variables[reference]);
          const dot = reference.indexOf('.');
          return dot < 0 ? String(this.#ref(stack, reference)) : String(this.#attribute(stack, reference.slice(0, dot), reference.slice(dot + 1)));
        });
      }
      default:
        throw new UnresolvableTemplateValueError(`${name} is not resolved by the local runtime`);
    }
  }

  #pseudoParameter(stack: SynthesizedStack, name: string): string | undefined {
    const { partition, region, account } = this.#environment;
    switch (name) {
      case 'AWS::Partition':
        return partition;
      case 'AWS::Region':
        return region;
      case 'AWS::AccountId':
        return account;
      case 'AWS::URLSuffix':
        return partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
      case 'AWS::StackName':
        return stack.stackName;
      default:
        return undefined;
    }
  }

  #resource(stack: SynthesizedStack, logicalId: string): CloudFormationResource {
    const resource = stack.template.Resources?.[logicalId];
    if (!resource) throw new UnresolvableTemplateValueError(`stack ${stack.stackName} has no resource ${logicalId}`);
    return resource;
  }

  #property(stack: SynthesizedStack, resource: CloudFormationResource, name: string): string | undefined {
    const value = resource.Properties?.[name];
    return value === undefined ? undefined : this.resolveString(stack, value);
  }

  #arn(service: string, resource: string, options: { readonly global?: boolean } = {}): string {
    const { partition, region, account } = this.#environment;
    return `arn:${partition}:${service}:${options.global ? '' : region}:${account}:${resource}`;
  }

  /** The physical name CloudFormation gives a resource (its name property, or a generated one). */
  physicalName(stack: SynthesizedStack, logicalId: string): string {
    const resource = this.#resource(stack, logicalId);
    const named = (property: string): string => this.#property(stack, resource, property) ?? `${stack.stackName}-${logicalId}`;
    switch (resource.Type) {
      case 'AWS::DynamoDB::GlobalTable':
      case 'AWS::DynamoDB::Table':
        return named('TableName');
      case 'AWS::SQS::Queue':
        return named('QueueName');
      case 'AWS::Events::EventBus':
        return named('Name');
      case 'AWS::Events::Rule':
        return named('Name');
      case 'AWS::Lambda::Function':
        return named('FunctionName');
      case 'AWS::Logs::LogGroup':
        return named('LogGroupName');
      case 'AWS::SNS::Topic':
        return named('TopicName');
      case 'AWS::IAM::Role':
        return this.#property(stack, resource, 'RoleName') ?? generatedRoleName(stack.stackName, logicalId);
      case 'AWS::KMS::Key':
        return localKeyId(stack.stackName, logicalId);
      case 'AWS::KMS::Alias':
        return named('AliasName');
      case 'AWS::S3::Bucket':
        // CloudFormation generates a lower-case name from the stack and logical id when none is given.
        return this.#property(stack, resource, 'BucketName') ?? `${stack.stackName}-${logicalId}`.toLowerCase().slice(0, 63);
      default:
        return logicalId;
    }
  }

  #ref(stack: SynthesizedStack, name: string): unknown {
    const pseudo = this.#pseudoParameter(stack, name);
    if (pseudo !== undefined) return pseudo;
    if (name === 'AWS::NoValue') return undefined;
    const resource = this.#resource(stack, name);
    const physical = this.physicalName(stack, name);
    switch (resource.Type) {
      case 'AWS::SQS::Queue':
        return `${this.#environment.sqsEndpoint}/${this.#environment.account}/${physical}`;
      case 'AWS::SNS::Topic':
        return this.#arn('sns', physical);
      case 'AWS::ApiGateway::RestApi':
        return 'local';
      default:
        return physical;
    }
  }

  #attribute(stack: SynthesizedStack, logicalId: string, attribute: string): unknown {
    const resource = this.#resource(stack, logicalId);
    const physical = this.physicalName(stack, logicalId);
    if (attribute !== 'Arn') {
      switch (`${resource.Type}.${attribute}`) {
        case 'AWS::SQS::Queue.QueueName':
        case 'AWS::Events::EventBus.Name':
        case 'AWS::SNS::Topic.TopicName':
        case 'AWS::KMS::Key.KeyId':
          return physical;
        case 'AWS::SQS::Queue.QueueUrl':
          return this.#ref(stack, logicalId);
        case 'AWS::IAM::Role.RoleId':
          return `AROA${createHash('sha256').update(physical).digest('hex').slice(0, 17).toUpperCase()}`;
        default:
          throw new UnresolvableTemplateValueError(`${resource.Type} attribute ${attribute} (${logicalId}) is not resolved by the local runtime`);
      }
    }
    switch (resource.Type) {
      case 'AWS::DynamoDB::GlobalTable':
      case 'AWS::DynamoDB::Table':
        return this.#arn('dynamodb', `table/${physical}`);
      case 'AWS::SQS::Queue':
        return this.#arn('sqs', physical);
      case 'AWS::KMS::Key':
        return this.#arn('kms', `key/${physical}`);
      case 'AWS::Events::EventBus':
        return this.#arn('events', `event-bus/${physical}`);
      case 'AWS::Events::Rule':
        return this.#arn('events', `rule/${physical}`);
      case 'AWS::IAM::Role':
        return this.#arn('iam', `role/${physical}`, { global: true });
      case 'AWS::Lambda::Function':
        return this.#arn('lambda', `function:${physical}`);
      case 'AWS::Logs::LogGroup':
        return this.#arn('logs', `log-group:${physical}:*`);
      case 'AWS::SNS::Topic':
        return this.#arn('sns', physical);
      case 'AWS::S3::Bucket':
        // Bucket ARNs name neither region nor account.
        return `arn:${this.#environment.partition}:s3:::${physical}`;
      default:
        return this.#arn('cloudformation', `local-resource/${stack.stackName}/${logicalId}`);
    }
  }
}
