import { useLocation, useNavigate } from 'react-router-dom';
import { LoginForm } from '../../features/auth';
import { useI18n } from '../../lib/i18n';

export function LoginPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { state } = useLocation();
  const ended = (state as { sessionEnded?: boolean } | null)?.sessionEnded === true;
  return (
    <>
      {ended && (
        <p role="status" className="notice narrow">
          {t('auth.sessionEnded')}
        </p>
      )}
      <LoginForm onSignedIn={() => navigate('/')} />
    </>
  );
}
