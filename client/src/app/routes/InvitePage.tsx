import { useNavigate, useParams } from 'react-router-dom';
import { AcceptInvitation } from '../../features/auth';

export function InvitePage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  return <AcceptInvitation token={token} onAccepted={() => navigate('/', { replace: true })} />;
}
