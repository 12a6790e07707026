/**
 * Type test (compiled by `npm run typecheck` and by test/types/types.test.ts): every override of
 * onToolCall that apps were written with must compile against AppServer.
 */
import { AppServer, GIVE_APP_CONTROL_OF_TOOL_RESPONSE, type ToolCall } from '@mentraos/sdk';

/** @mentra/sdk 2.x and @augmentos/sdk: one ToolCall, Promise<string | undefined>. */
export class OneArgument extends AppServer {
  protected override async onToolCall(toolCall: ToolCall): Promise<string | undefined> {
    toolCall.activeSession?.layouts.showTextWall(String(toolCall.toolParameters.city));
    return toolCall.toolId === 'quiet' ? GIVE_APP_CONTROL_OF_TOOL_RESPONSE : undefined;
  }
}

/** The MentraOS docs: (toolName, args, userId) returning anything. */
export class ThreeArguments extends AppServer {
  protected override async onToolCall(toolName: string, args: any, userId: string): Promise<any> {
    return { toolName, args, userId };
  }
}

/** Without `override` and without a return type annotation, as older code was written. */
export class Untyped extends AppServer {
  // eslint-disable-next-line
  protected async onToolCall(toolCall: ToolCall) {
    return toolCall.toolId;
  }
}

/** Made public by the subclass, and calling super. */
export class PublicOverride extends AppServer {
  public override async onToolCall(toolCall: ToolCall): Promise<string | undefined> {
    return (await super.onToolCall(toolCall)) ?? 'fallback';
  }
}
