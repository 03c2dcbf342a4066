/** Channel management for administrators (docs/ui.md): invite, accept, leave. */
import { post, seg } from '../../../lib/api/client';
import type {
  ChannelAcceptResult,
  ChannelInviteRequest,
  ChannelInviteResult,
  ChannelLeaveResult,
} from '../../../lib/api/types';

export const inviteChannel = (body: ChannelInviteRequest): Promise<ChannelInviteResult> =>
  post<ChannelInviteResult>('/api/v1/channels', body);
export const acceptChannel = (id: string): Promise<ChannelAcceptResult> =>
  post<ChannelAcceptResult>(`/api/v1/channels/${seg(id)}/accept`, {});
export const leaveChannel = (id: string, reason?: string): Promise<ChannelLeaveResult> =>
  post<ChannelLeaveResult>(`/api/v1/channels/${seg(id)}/leave`, reason ? { reason } : {});
